package cn.fazhi.annualreport.document;

import java.util.Locale;

/** The kinds of report file the application accepts, each recognised by its content and served with its media type. */
enum DocumentFormat {

    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    PDF("application/pdf", ".pdf"),
    TEXT("text/plain", ".txt"),
    MARKDOWN("text/markdown", ".md"),
    /** 版式文件 (GB/T 33190): how sealed e-government documents are issued. */
    OFD("application/ofd", ".ofd");

    final String mediaType;
    final String extension;

    DocumentFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The format a file name claims by its extension; null for none of the five. */
    static DocumentFormat byExtension(String fileName) {
        if (fileName == null) {
            return null;
        }
        String lower = fileName.toLowerCase(Locale.ROOT).strip();
        for (DocumentFormat f : values()) {
            if (lower.endsWith(f.extension)) {
                return f;
            }
        }
        return null;
    }

    /** Whether a file of this content may carry the extension of {@code claimed} (.txt and .md are both text). */
    boolean matches(DocumentFormat claimed) {
        return claimed == this || (this == TEXT && claimed == MARKDOWN);
    }
}
