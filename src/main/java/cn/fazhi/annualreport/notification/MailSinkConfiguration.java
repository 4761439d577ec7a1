package cn.fazhi.annualreport.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dev profile's embedded SMTP sink: a real SMTP server (GreenMail) on localhost that keeps every mail the
 * application sends, listed at {@code GET /api/dev/mails}. Off unless report.mail-sink.enabled is true.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "report.mail-sink.enabled", havingValue = "true")
class MailSinkConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail mailSink(@Value("${report.mail-sink.port:2525}") int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /** Shows the mails the sink received, newest first. */
    @RestController
    @ConditionalOnProperty(name = "report.mail-sink.enabled", havingValue = "true")
    static class MailSinkController {

        private final GreenMail mailSink;

        MailSinkController(GreenMail mailSink) {
            this.mailSink = mailSink;
        }

        @GetMapping("/api/dev/mails")
        List<ReceivedMail> mails() throws MessagingException, IOException {
            MimeMessage[] messages = mailSink.getReceivedMessages();
            List<ReceivedMail> out = new java.util.ArrayList<>();
            for (int i = messages.length - 1; i >= 0; i--) {
                MimeMessage m = messages[i];
                out.add(new ReceivedMail(Arrays.stream(m.getAllRecipients())
                        .map(a -> a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString()).toList(),
                        m.getSubject(), m.getSentDate() == null ? null : m.getSentDate().toInstant().toString(),
                        plainText(m)));
            }
            return out;
        }

        /** The decoded text/plain part: what a person reads. */
        private static String plainText(Part part) throws MessagingException, IOException {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = plainText(multipart.getBodyPart(i));
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        }

        record ReceivedMail(List<String> to, String subject, String sent, String text) {
        }
    }
}
