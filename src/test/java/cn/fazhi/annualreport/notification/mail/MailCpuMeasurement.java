package cn.fazhi.annualreport.notification.mail;

import cn.fazhi.annualreport.notification.NotificationProperties;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Measures the CPU one mail costs the sending thread (render, compose, mail log, SMTP to a local GreenMail) and prints
 * it; not a test. Run: {@code mvn -o -q test-compile -Dbpmnlint.skip=true} then
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) cn.fazhi.annualreport.notification.mail.MailCpuMeasurement [mails] [rounds]}
 * (docs/mail.md, "CPU per mail").
 */
final class MailCpuMeasurement {

    private MailCpuMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            SimpleDriverDataSource db = new SimpleDriverDataSource(new org.h2.Driver(),
                    "jdbc:h2:mem:mailcpu;DB_CLOSE_DELAY=-1", "sa", "");
            ResourceDatabasePopulator schema = new ResourceDatabasePopulator(new ClassPathResource("db/schema.sql"));
            schema.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
            schema.execute(db);
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(port);
            Mailer mailer = MailerFactory.create(sender, new MailLog(new NamedParameterJdbcTemplate(db)),
                    new DataSourceTransactionManager(db),
                    new NotificationProperties("http://tasklist.example.org", null));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            send(mailer, 300); // warm-up: JIT, first template parse, first connection
            System.out.printf("%-6s %8s %14s %14s%n", "round", "mails", "CPU µs/mail", "wall µs/mail");
            for (int round = 1; round <= rounds; round++) {
                smtp.purgeEmailFromAllMailboxes();
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                send(mailer, mails);
                long cpuPerMail = (threads.getCurrentThreadCpuTime() - cpu) / mails / 1000;
                long wallPerMail = (System.nanoTime() - wall) / mails / 1000;
                int received = smtp.getReceivedMessages().length;
                if (received != mails) {
                    throw new IllegalStateException(received + " mails received, " + mails + " sent");
                }
                System.out.printf("%-6d %8d %14d %14d%n", round, mails, cpuPerMail, wallPerMail);
            }
        } finally {
            smtp.stop();
        }
    }

    private static void send(Mailer mailer, int count) {
        Date due = Date.from(LocalDateTime.of(2026, 2, 13, 17, 30).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        for (int i = 0; i < count; i++) {
            String taskId = "task-" + UUID.randomUUID();
            mailer.send(Notice.builder(NoticeKind.REMINDER, "REMINDER:" + taskId + ":2026-02-10")
                    .recipient("bayan_gaj_staff", "王警官", "bayan.gaj.staff@example.org")
                    .reportCase("巴彦县公安局", 2025, "bayan-gaj:2025", "pi-" + taskId)
                    .task(taskId, "起草年度报告", due)
                    .workingDaysLeft(3)
                    .link("http://tasklist.example.org/camunda/app/tasklist/default/#/?task=" + taskId)
                    .build());
        }
    }
}
