package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.shared.Beijing;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mail the dev profile's sink received, decoded as a mail program shows it: sender, recipients, subject and date
 * in words, the HTML body and its text alternative, the attachments by name.
 *
 * @param id          its place in the sink, 0 for the first received (the pages' addresses)
 * @param from        the sender, e.g. {@code 法治政府建设年度报告系统 <noreply@example.org>}
 * @param to          the recipients, names decoded
 * @param subject     the decoded subject
 * @param sent        the Date header in Beijing time, yyyy-MM-dd HH:mm:ss (null without one)
 * @param sentIso     the same as an ISO instant, for scripts (null without one)
 * @param text        the text/plain alternative (null without one)
 * @param html        the text/html body (null without one)
 * @param attachments the attached files, in order
 */
record SinkMail(int id, String from, List<String> to, String subject, String sent, String sentIso, String text,
                String html, List<Attachment> attachments) {

    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(Beijing.ZONE);

    /** An attached file: its place among the mail's attachments, decoded name, type and size in bytes. */
    record Attachment(int index, String name, String type, int size) {
    }

    static SinkMail of(int id, MimeMessage message) throws MessagingException, IOException {
        Parts parts = new Parts();
        parts.walk(message);
        return new SinkMail(id, addresses(message.getFrom()), List.of(addressList(message.getAllRecipients())),
                message.getSubject(),
                message.getSentDate() == null ? null : BEIJING.format(message.getSentDate().toInstant()),
                message.getSentDate() == null ? null : message.getSentDate().toInstant().toString(),
                parts.text, parts.html, List.copyOf(parts.attachments));
    }

    /** The content of the attachment at that index, or null. */
    static byte[] attachment(MimeMessage message, int index) throws MessagingException, IOException {
        Parts parts = new Parts();
        parts.walk(message);
        if (index < 0 || index >= parts.files.size()) {
            return null;
        }
        try (InputStream in = parts.files.get(index).getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String addresses(Address[] addresses) {
        return String.join(", ", addressList(addresses));
    }

    private static String[] addressList(Address[] addresses) {
        return addresses == null ? new String[0] : Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress ia ? shown(ia) : a.toString()).toArray(String[]::new);
    }

    /** 金科员 &lt;bayan.sfj.staff@example.org&gt;, as a mail program shows an address (no quotes, name decoded). */
    private static String shown(InternetAddress address) {
        String name = address.getPersonal();
        return name == null || name.isBlank() ? address.getAddress() : name + " <" + address.getAddress() + ">";
    }

    /** The first text/plain and text/html bodies and the attachments of a MIME tree. */
    private static final class Parts {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
        final List<Part> files = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
                byte[] content;
                try (InputStream in = part.getInputStream()) {
                    content = in.readAllBytes();
                }
                attachments.add(new Attachment(files.size(), name(part, files.size()), baseType(part), content.length));
                files.add(part);
            } else if (part.isMimeType("text/plain") && text == null) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html") && html == null) {
                html = (String) part.getContent();
            }
        }

        private static String name(Part part, int index) throws MessagingException {
            String raw = part.getFileName();
            if (raw == null) {
                return "附件" + (index + 1);
            }
            try {
                return MimeUtility.decodeText(raw);
            } catch (UnsupportedEncodingException e) {
                return raw;
            }
        }

        private static String baseType(Part part) throws MessagingException {
            String type = part.getContentType();
            int semicolon = type == null ? -1 : type.indexOf(';');
            return type == null ? "application/octet-stream" : (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        }
    }
}
