package cn.fazhi.annualreport.document;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;

/**
 * {@code report.documents.*}: the largest report file accepted ({@code max-size}, default 20MB), for drafts submitted
 * in the draft task and for {@code POST /api/completeness-check}.
 */
@ConfigurationProperties("report.documents")
record DocumentProperties(DataSize maxSize) {

    static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMegabytes(20);

    @ConstructorBinding
    DocumentProperties {
        if (maxSize == null) {
            maxSize = DEFAULT_MAX_SIZE;
        }
        if (maxSize.toBytes() <= 0 || maxSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("report.documents.max-size must lie between 1 byte and 2 GB: " + maxSize);
        }
    }

    /** The limit as people read it: "20 MB", "512 KB". */
    String label() {
        return label(maxSize);
    }

    static String label(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " B";
    }
}
