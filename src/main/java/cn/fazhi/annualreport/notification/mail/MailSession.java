package cn.fazhi.annualreport.notification.mail;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.util.Date;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The application's one Jakarta Mail session, MIME type map and stream provider, shared by every mail and thread.
 *
 * <p>Built per mail they cost most of a mail's CPU: Spring's {@link MimeMessageHelper} makes a new MIME type map for
 * every message it does not know (parsing its mime.types and looking for {@code META-INF/mime.types} in every jar),
 * and Jakarta Mail 2.1 looks its {@link StreamProvider} up with a {@link java.util.ServiceLoader} over the whole
 * class path for every multipart and every encoded header or body — unless the system property named after the
 * interface names the class, which is the API's documented first lookup step. The property is set once here, to the
 * provider the session found, unless the operator set it.
 */
@Component
class MailSession {

    private final JavaMailSenderImpl settings;
    private final Session session;
    private final FileTypeMap fileTypes;

    MailSession(JavaMailSenderImpl settings) {
        this.settings = settings;
        this.session = settings.getSession();
        String property = StreamProvider.class.getName();
        if (System.getProperty(property) == null) {
            System.setProperty(property, session.getStreamProvider().getClass().getName());
        }
        ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
        types.afterPropertiesSet();
        this.fileTypes = types;
    }

    Session session() {
        return session;
    }

    /** A helper for the message that uses the shared MIME type map instead of building one. */
    MimeMessageHelper helper(MimeMessage message, int multipartMode, String encoding) throws MessagingException {
        return new MimeMessageHelper(message, multipartMode, encoding) {
            @Override
            protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
                return fileTypes;
            }
        };
    }

    /** An SMTP connection with the configured server and credentials; the caller closes it. */
    Transport connect() throws MessagingException {
        Transport transport = session.getTransport(settings.getProtocol() == null ? "smtp" : settings.getProtocol());
        String username = settings.getUsername();
        String password = settings.getPassword();
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        transport.connect(settings.getHost(), settings.getPort(), username, password);
        return transport;
    }

    /** Makes the message final as {@link JavaMailSenderImpl} would before sending it. */
    static void prepare(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        message.saveChanges();
    }
}
