package cn.fazhi.annualreport.organization;

/** What is wrong with one line of an imported registry file (line 1 is the header). */
public record LineError(int line, String messageZh, String messageEn) implements Comparable<LineError> {

    /** The bilingual text shown in an API error's details, e.g. {@code 第3行：… / line 3: …}. */
    public String text() {
        return "第" + line + "行：" + messageZh + " / line " + line + ": " + messageEn;
    }

    @Override
    public int compareTo(LineError other) {
        return Integer.compare(line, other.line);
    }
}
