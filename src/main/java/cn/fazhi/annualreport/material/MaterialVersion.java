package cn.fazhi.annualreport.material;

import java.time.OffsetDateTime;

/**
 * One version of a department's material: its text and contact, its attachment's name, type, size and SHA-256 if it
 * has one, who submitted it and when, and whether after the materials deadline.
 */
public record MaterialVersion(String department, int version, String summary, String contact, String fileName,
                              String mediaType, Long sizeBytes, String sha256, String submittedBy,
                              OffsetDateTime submittedAt, boolean late, String taskId) {

    public boolean hasAttachment() {
        return fileName != null;
    }
}
