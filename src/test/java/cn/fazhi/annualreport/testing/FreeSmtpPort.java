package cn.fazhi.annualreport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Gives the test context's SMTP server (and the mail client) a free port, so parallel builds on one machine coexist. */
public class FreeSmtpPort implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the test SMTP server", e);
        }
        TestPropertyValues.of("report.mail-sink.port=" + port, "spring.mail.port=" + port).applyTo(context);
    }
}
