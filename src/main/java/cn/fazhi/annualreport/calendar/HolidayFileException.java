package cn.fazhi.annualreport.calendar;

/**
 * The holiday file was refused: it names the file, the line (1-based) and the reason, in English (the message) and in
 * Chinese. The whole file is refused; a calendar already in force stays in force.
 */
final class HolidayFileException extends IllegalStateException {

    private final String file;
    private final int line;
    private final String reasonZh;
    private final String reasonEn;

    HolidayFileException(String file, int line, String reasonZh, String reasonEn) {
        this(file, line, reasonZh, reasonEn, "Holiday file " + file + ", line " + line + ": " + reasonEn, null);
    }

    private HolidayFileException(String file, int line, String reasonZh, String reasonEn, String message,
                                 Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
        this.reasonZh = reasonZh;
        this.reasonEn = reasonEn;
    }

    /** The file is not YAML at all (the YAML parser's own reason). */
    static HolidayFileException notYaml(String file, int line, String reason, Throwable cause) {
        return new HolidayFileException(file, line, "不是有效的 YAML：" + reason, "not valid YAML: " + reason,
                "Holiday file " + file + " is not valid YAML, line " + line + ": " + reason, cause);
    }

    /** The file cannot be read (missing, unreadable). */
    static HolidayFileException unreadable(String file, String reason, Throwable cause) {
        return new HolidayFileException(file, 0, "无法读取：" + reason, "cannot be read: " + reason,
                "Holiday file " + file + " cannot be read: " + reason, cause);
    }

    String file() {
        return file;
    }

    /** 1-based line of the offending entry; 0 when the file could not be read at all. */
    int line() {
        return line;
    }

    String reasonZh() {
        return reasonZh;
    }

    String reasonEn() {
        return reasonEn;
    }

    /** The Chinese counterpart of {@link #getMessage()}. */
    String messageZh() {
        return line > 0 ? "节假日文件 " + file + " 第 " + line + " 行：" + reasonZh : "节假日文件 " + file + " " + reasonZh;
    }
}
