package cn.fazhi.annualreport.material;

/**
 * What a department hands in for its government's report: the text (any length), a contact, and optionally one file.
 *
 * @param fileName the attachment's name as sent (null without attachment)
 * @param content  the attachment's bytes (null without attachment)
 */
public record MaterialSubmission(String summary, String contact, String fileName, byte[] content) {

    boolean hasFile() {
        return content != null && content.length > 0;
    }
}
