package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.Bilingual;
import cn.fazhi.annualreport.api.Language;

/** What is wrong with one line of an imported registry file (line 1 is the header). */
public record LineError(int line, String messageZh, String messageEn) implements Comparable<LineError> {

    /** The text in both languages, e.g. {@code 第3行：… / line 3: …}. */
    public String text() {
        return lines().in(Language.BOTH);
    }

    /** The text in each language, shown in an API error's details in the reader's language. */
    public Bilingual lines() {
        return new Bilingual("第" + line + "行：" + messageZh, "line " + line + ": " + messageEn);
    }

    @Override
    public int compareTo(LineError other) {
        return Integer.compare(line, other.line);
    }
}
