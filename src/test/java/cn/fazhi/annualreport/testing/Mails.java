package cn.fazhi.annualreport.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Reads received mails as a person would: the decoded plain-text part. */
public final class Mails {

    private Mails() {
    }

    public static String text(MimeMessage message) {
        try {
            String text = find(message, "text/plain");
            return text == null ? "" : text;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read mail", e);
        }
    }

    public static String html(MimeMessage message) {
        try {
            String html = find(message, "text/html");
            return html == null ? "" : html;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read mail", e);
        }
    }

    /** The address the mail went to, without the display name. */
    public static String to(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read mail", e);
        }
    }

    /** The text of the first attachment whose file name ends with the suffix, e.g. ".ics"; empty if none. */
    public static String attachment(MimeMessage message, String suffix) {
        try {
            String found = findAttachment(message, suffix);
            return found == null ? "" : found;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read mail", e);
        }
    }

    private static String findAttachment(Part part, String suffix) throws Exception {
        if (part.getFileName() != null && part.getFileName().endsWith(suffix)) {
            try (java.io.InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = findAttachment(multipart.getBodyPart(i), suffix);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String find(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = find(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
