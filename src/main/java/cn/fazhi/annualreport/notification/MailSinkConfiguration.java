package cn.fazhi.annualreport.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dev profile's embedded SMTP sink: a real SMTP server (GreenMail) on localhost that keeps every mail the
 * application sends, at {@code GET /api/dev/mails}: a page for a browser listing the mails and showing each as its
 * recipient sees it, JSON for scripts. Off unless report.mail-sink.enabled is true.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "report.mail-sink.enabled", havingValue = "true")
class MailSinkConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail mailSink(MailSinkProperties properties) {
        return new GreenMail(new ServerSetup(properties.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /**
     * The mails the sink received, newest first: JSON for scripts, pages for a browser (Accept: text/html). A mail's
     * HTML is served on its own address, with a policy that runs no script and loads nothing from elsewhere, and shown
     * in a sandboxed frame of the mail's page; nothing of a mail is ever written into the application's own pages
     * unescaped.
     */
    @Controller
    @ConditionalOnProperty(name = "report.mail-sink.enabled", havingValue = "true")
    static class MailSinkController {

        /** The pages: their own text only (Thymeleaf escapes each value), the mail's HTML in a frame of this site. */
        static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        /**
         * A mail's HTML: its inline styles and embedded (data:) images, no script, form or plugin, in a unique origin
         * (sandbox), framed by this site only; its links may open in a new window.
         */
        static final String MAIL_POLICY = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);

        private final GreenMail mailSink;

        MailSinkController(GreenMail mailSink) {
            this.mailSink = mailSink;
        }

        @GetMapping("/api/dev/mails")
        @ResponseBody
        List<ReceivedMail> mails() throws MessagingException, IOException {
            List<ReceivedMail> out = new ArrayList<>();
            for (SinkMail m : received()) {
                out.add(new ReceivedMail(m.id(), m.from(), m.to(), m.subject(), m.sentIso(), m.text(),
                        m.attachments().stream().map(SinkMail.Attachment::name).toList()));
            }
            return out;
        }

        @GetMapping(path = "/api/dev/mails", produces = MediaType.TEXT_HTML_VALUE)
        String list(Model model, HttpServletResponse response) throws MessagingException, IOException {
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
            model.addAttribute("mails", received());
            return "dev/mails";
        }

        @GetMapping(path = "/api/dev/mails/{id}", produces = MediaType.TEXT_HTML_VALUE)
        String mail(@PathVariable String id, Model model, HttpServletResponse response)
                throws MessagingException, IOException {
            int n = number(id);
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
            model.addAttribute("mail", SinkMail.of(n, message(n)));
            return "dev/mail";
        }

        /** The mail's HTML body as its recipient's mail program shows it, to be framed by the mail's page. */
        @GetMapping("/api/dev/mails/{id}/html")
        ResponseEntity<byte[]> html(@PathVariable String id, HttpServletResponse response)
                throws MessagingException, IOException {
            int n = number(id);
            SinkMail mail = SinkMail.of(n, message(n));
            if (mail.html() == null) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            // links open outside the frame (a new window), as a mail program opens them
            Matcher head = HEAD.matcher(mail.html());
            String html = head.find() ? mail.html().substring(0, head.end()) + "<base target=\"_blank\">"
                    + mail.html().substring(head.end()) : mail.html();
            // instead of the strict defaults the security headers gave every response
            response.setHeader("Content-Security-Policy", MAIL_POLICY);
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                    .body(html.getBytes(StandardCharsets.UTF_8));
        }

        /** An attached file, downloaded under its own name. */
        @GetMapping("/api/dev/mails/{id}/attachments/{index}")
        ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable String index)
                throws MessagingException, IOException {
            int n = number(id);
            MimeMessage message = message(n);
            int k = number(index);
            SinkMail mail = SinkMail.of(n, message);
            byte[] content = SinkMail.attachment(message, k);
            if (content == null) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            SinkMail.Attachment file = mail.attachments().get(k);
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(file.name(), StandardCharsets.UTF_8).build().toString())
                    .body(content);
        }

        /** Every mail received, newest first. */
        private List<SinkMail> received() throws MessagingException, IOException {
            MimeMessage[] messages = mailSink.getReceivedMessages();
            List<SinkMail> out = new ArrayList<>();
            for (int i = messages.length - 1; i >= 0; i--) {
                out.add(SinkMail.of(i, messages[i]));
            }
            return out;
        }

        private MimeMessage message(int n) {
            MimeMessage[] messages = mailSink.getReceivedMessages();
            if (n >= messages.length) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            return messages[n];
        }

        private static int number(String text) {
            if (text == null || !text.matches("\\d{1,6}")) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            return Integer.parseInt(text);
        }

        record ReceivedMail(int id, String from, List<String> to, String subject, String sent, String text,
                            List<String> attachments) {
        }
    }
}
