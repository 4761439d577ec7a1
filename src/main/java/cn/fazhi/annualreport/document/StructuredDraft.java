package cn.fazhi.annualreport.document;

import java.util.List;

/**
 * A draft written in the form's five statutory sections, rendered as a plain-text report: the title, then each written
 * section under its statutory heading (一、上一年度推进法治政府建设的主要举措和成效 …), numbered in order; unwritten
 * sections are left out, so that the completeness check does not take an empty heading for the content.
 */
final class StructuredDraft {

    static final int SECTIONS = StatutoryItem.values().length;
    private static final String NUMERALS = "一二三四五六七八九十";

    private StructuredDraft() {
    }

    static String render(String title, List<String> sections) {
        if (sections.size() > SECTIONS) {
            throw new InvalidDocumentException("报告内容最多五部分，现为" + sections.size() + "部分",
                    "A structured draft has at most five sections, not " + sections.size());
        }
        StringBuilder text = new StringBuilder();
        if (title != null && !title.isBlank()) {
            text.append(title.strip()).append("\n\n");
        }
        int number = 0;
        for (int i = 0; i < sections.size(); i++) {
            String body = sections.get(i) == null ? "" : sections.get(i).strip();
            if (body.isEmpty()) {
                continue;
            }
            StatutoryItem item = StatutoryItem.values()[i];
            text.append(NUMERALS.charAt(number++)).append('、').append(item.nameZh).append('\n')
                    .append(body.replace("\r\n", "\n").replace('\r', '\n')).append("\n\n");
        }
        return text.toString();
    }
}
