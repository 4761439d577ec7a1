package cn.fazhi.annualreport.notification.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Finds the attachment of a received mail. */
final class MailParts {

    private MailParts() {
    }

    /** The attachment with this file name, or null. */
    static Part attachment(MimeMessage message, String fileName) {
        try {
            return find(message, fileName);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read mail", e);
        }
    }

    /** The attachment's octets decoded as UTF-8, exactly as sent (line endings kept). */
    static String content(Part part) {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read attachment", e);
        }
    }

    private static Part find(Part part, String fileName) throws Exception {
        if (fileName.equals(part.getFileName())) {
            return part;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                Part found = find(body, fileName);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
