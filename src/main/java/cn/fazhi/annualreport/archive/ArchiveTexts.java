package cn.fazhi.annualreport.archive;

import cn.fazhi.annualreport.document.DocumentComment;
import cn.fazhi.annualreport.document.DocumentVersion;
import cn.fazhi.annualreport.document.ItemResult;
import cn.fazhi.annualreport.filing.FilingRecord;
import cn.fazhi.annualreport.material.MaterialVersion;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The readable files of an archive: the review and meeting records, the issuance, the receipts, the publication. */
final class ArchiveTexts {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> DECISIONS = Map.of("APPROVE", "通过", "RETURN", "退回修改",
            "REVISE", "修改后再审");

    private ArchiveTexts() {
    }

    static String title(CaseFacts f) {
        return f.entityName() + f.year() + "年度法治政府建设情况报告";
    }

    /** 审核与审议记录.md: every version with its reviewers' comments and decisions, the gate, the opinions, issuance. */
    static byte[] reviewRecords(CaseFacts f, List<DocumentVersion> versions, Function<String, String> person) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(title(f)).append("：审核与审议记录\n\n");
        s.append("案件 ").append(f.businessKey()).append("（流程实例 ").append(f.processInstanceId()).append("）\n\n");
        s.append("## 报告稿版本及审核、审议意见\n\n");
        for (DocumentVersion v : versions) {
            s.append("### 第").append(v.version()).append("版：").append(v.fileName()).append("\n\n");
            s.append("- 提交：").append(nz(person.apply(v.createdBy()))).append("，")
                    .append(v.createdAt() == null ? "" : MINUTE.format(v.createdAt())).append('\n');
            s.append("- 文件：").append(v.mediaType()).append("，").append(v.sizeBytes()).append(" 字节，SHA-256 ")
                    .append(v.sha256()).append('\n');
            s.append("- 存放：本系统报告稿版本库（第").append(v.version()).append("版），下载地址 /api/reports/")
                    .append(f.entityCode()).append('/').append(f.year()).append("/documents/").append(v.version())
                    .append("/content\n");
            s.append("- 法定内容：").append(v.complete() ? "必备的前四项齐全" : "缺少"
                    + v.missing().stream().map(ItemResult::nameZh).collect(Collectors.joining("、"))).append('\n');
            if (v.justification() != null) {
                s.append("- 缺项说明：").append(inline(v.justification())).append('\n');
            }
            if (v.note() != null) {
                s.append("- 起草说明：").append(inline(v.note())).append('\n');
            }
            if (v.comments().isEmpty()) {
                s.append("- 审核、审议意见：无\n");
            }
            for (DocumentComment c : v.comments()) {
                s.append("- ").append(nz(c.taskName())).append("（").append(nz(person.apply(c.author()))).append("，")
                        .append(c.at() == null ? "" : MINUTE.format(c.at())).append("）：")
                        .append(DECISIONS.getOrDefault(c.decision(), nz(c.decision())));
                if (c.text() != null) {
                    s.append("。意见：").append(inline(c.text()));
                }
                if (c.details() != null) {
                    s.append("。").append(inline(c.details()));
                }
                s.append('\n');
            }
            s.append('\n');
        }
        facts(s, "审议（最后一轮）", f.reviewGate());
        facts(s, "征求意见", f.opinions());
        facts(s, "签发", f.issuance());
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 文号与签发.txt. */
    static byte[] issuance(CaseFacts f) {
        StringBuilder s = new StringBuilder();
        s.append(title(f)).append('\n').append('\n');
        s.append("文号：").append(nz(f.documentNumber())).append('\n');
        for (CaseFacts.Fact fact : f.issuance()) {
            if (!"文号".equals(fact.label())) {
                s.append(fact.label()).append("：").append(nz(fact.value())).append('\n');
            }
        }
        return crlf(s);
    }

    /** 报送记录与回执.csv: one line per addressee. */
    static byte[] receipts(List<FilingRecord> records, Function<String, String> person) {
        return Csv.write(List.of("接收单位", "类别", "结果", "报送日期", "报送渠道", "回执编号或签收人", "回执日期",
                        "免报理由", "备注", "登记人", "登记时间", "回执登记人", "回执登记时间"),
                records.stream().map(r -> List.of(r.recipient(), r.kindZh(), r.outcomeZh(), date(r.filedOn()),
                        r.channelZh(), nz(r.receiptNumber()), date(r.receiptDate()), nz(r.exemptionReason()),
                        nz(r.note()), nz(person.apply(r.recordedBy())), Csv.time(r.recordedAt()),
                        nz(person.apply(r.receiptRecordedBy())),
                        Csv.time(r.receiptRecordedAt()))).toList());
    }

    /** 公开记录.txt. */
    static byte[] publication(CaseFacts f) {
        CaseFacts.Publication p = f.publication();
        StringBuilder s = new StringBuilder();
        s.append(title(f)).append(" 政府网站公开记录").append('\n').append('\n');
        s.append("公开网址：").append(p == null || p.url() == null ? "（未登记）" : p.url()).append('\n');
        s.append("公开时间：").append(p == null || p.publishedAt() == null ? "（未登记）" : p.publishedAt()).append('\n');
        if (p != null && p.source() != null) {
            s.append("记录来源：").append(p.source()).append('\n');
        }
        return crlf(s);
    }

    private static void facts(StringBuilder s, String heading, List<CaseFacts.Fact> facts) {
        if (facts.isEmpty()) {
            return;
        }
        s.append("## ").append(heading).append("\n\n");
        for (CaseFacts.Fact fact : facts) {
            s.append("- ").append(fact.label()).append("：").append(inline(nz(fact.value()))).append('\n');
        }
        s.append('\n');
    }

    /** A text in one Markdown list item: its line breaks kept as hard breaks, indented under the item. */
    private static String inline(String text) {
        return text.strip().replace("\r\n", "\n").replace("\n", "  \n  ");
    }

    /** Text files for Windows Notepad as much as for anything else: CRLF, UTF-8 with a byte-order mark. */
    static byte[] crlf(CharSequence text) {
        return ("\uFEFF" + text.toString().replace("\r\n", "\n").replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
    }

    private static String date(java.time.LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * 部门材料.md: each department asked for material, with every version it handed in (who, when, late or not, the
     * contact, the attachment's name, size and SHA-256, the text), or that it handed in none.
     */
    static byte[] materials(CaseFacts f, List<MaterialVersion> versions, Function<String, String> person) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(title(f)).append("：部门材料\n\n");
        for (CaseFacts.Department d : f.departments()) {
            List<MaterialVersion> own = versions.stream().filter(v -> v.department().equals(d.code())).toList();
            s.append("## ").append(d.name()).append("（").append(d.code()).append("）\n\n");
            if (own.isEmpty()) {
                s.append("未报送材料。\n\n");
                continue;
            }
            for (MaterialVersion v : own) {
                s.append("### 第").append(v.version()).append("版").append(v.late() ? "（逾期报送）" : "").append("\n\n");
                s.append("- 报送人：").append(nz(person.apply(v.submittedBy()))).append("，")
                        .append(MINUTE.format(v.submittedAt())).append('\n');
                s.append("- 联系人及电话：").append(inline(v.contact())).append('\n');
                if (v.hasAttachment()) {
                    s.append("- 附件：").append(v.fileName()).append("，").append(v.sizeBytes()).append(" 字节，SHA-256 ")
                            .append(v.sha256()).append('\n');
                }
                s.append('\n').append(v.summary()).append("\n\n");
            }
        }
        return crlf(s);
    }

    /**
     * 保密审查记录.txt: the decision, who reviewed, the comment (internal), and what was published — the released text
     * is the next file — or that nothing was.
     */
    static byte[] secrecy(CaseFacts f, String publishedText) {
        StringBuilder s = new StringBuilder();
        s.append(title(f)).append(" 保密审查记录").append('\n').append('\n');
        for (CaseFacts.Fact fact : f.secrecy()) {
            s.append(fact.label()).append("：").append(fact.value() == null ? "" : inline(fact.value())).append('\n');
        }
        s.append('\n').append(publishedText == null ? "未公开任何文本。"
                : "公开的文本（" + publishedText.length() + "字）见 " + CaseArchives.PUBLISHED_TEXT + "。").append('\n');
        return crlf(s);
    }

    /** 公开文本.txt: exactly the text the secrecy review released for publication. */
    static byte[] publishedText(String text) {
        return crlf(text);
    }
}
