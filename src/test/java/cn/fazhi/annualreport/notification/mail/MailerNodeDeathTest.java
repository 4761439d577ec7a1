package cn.fazhi.annualreport.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.notification.NotificationProperties;
import cn.fazhi.annualreport.notification.mail.StallingSmtpProxy.Stall;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A node dies while it sends a mail, at each point of the SMTP conversation, and another node's mailer (the
 * application's) sends it afterwards: what arrives in the mailbox. The death is exact: the first node's database
 * connections are closed (its open transaction rolled back, no new one given) and its SMTP connection dropped while
 * the conversation is frozen at the point, so that it writes nothing more — as after {@code kill -9}.
 */
@AnnualReportTest
class MailerNodeDeathTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Date NOW = Date.from(LocalDateTime.of(2026, 2, 10, 9, 0).atZone(ZONE).toInstant());
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int STORM = 40;
    static final int SENDERS = 4;

    @Autowired
    Mailer otherNode;
    @Autowired
    MailLog mailLog;
    @Autowired
    GreenMail smtp;
    @Autowired
    DataSource dataSource;

    final ExecutorService nodeThreads = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(NOW);
    }

    @AfterEach
    void tearDown() {
        nodeThreads.shutdownNow();
        ClockUtil.reset();
    }

    @Test
    void aNodeKilledWhileTheMessageIsOnTheWireLeavesItToTheOtherNodeWhichSendsItOnceAfterTheClaim() throws Exception {
        Notice notice = MailerTest.reminder("bayan.gaj.staff@example.org");

        // When the first node dies while the message is on its way, before the server has all of it
        killWhileSending(notice, Stall.BEFORE_END_OF_DATA);

        // Then nothing arrived, and the other node does not send while the dead node's claim lasts
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThatThrownBy(() -> otherNode.send(notice)).isInstanceOf(MailInFlightException.class);
        assertThat(smtp.getReceivedMessages()).isEmpty();

        // When the claim has run out
        ClockUtil.setCurrentTime(new Date(NOW.getTime() + LEASE.toMillis() + 1000));

        // Then the other node sends it: it arrives exactly once, and is recorded SENT
        assertThat(otherNode.send(notice)).isEqualTo(SendResult.SENT);
        assertThat(copiesPerMessageId(notice)).isEqualTo(1);
        assertThat(otherNode.send(notice)).isEqualTo(SendResult.ALREADY_SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aNodeKilledAfterTheServerAcceptedAndBeforeQuitLeavesNoDuplicate() throws Exception {
        Notice notice = MailerTest.reminder("bayan.gaj.staff@example.org");

        // When the first node dies after the server's 250, in QUIT (where the previous mailer had not committed yet)
        killWhileSending(notice, Stall.BEFORE_221_FOR_QUIT);

        // Then the mail arrived once, is SENT, and the other node never sends it again, even after the claim's time
        assertThat(copiesPerMessageId(notice)).isEqualTo(1);
        assertThat(mailLog.find(notice.dedupKey(), notice.recipientEmail()))
                .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(MailLog.SENT));
        assertThat(otherNode.send(notice)).isEqualTo(SendResult.ALREADY_SENT);
        ClockUtil.setCurrentTime(new Date(NOW.getTime() + LEASE.toMillis() + 1000));
        assertThat(otherNode.send(notice)).isEqualTo(SendResult.ALREADY_SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void theWindowThatRemainsANodeKilledBetweenTheServersAcceptanceAndItsCommitMeansOneMoreCopyWithTheSameId()
            throws Exception {
        Notice notice = MailerTest.reminder("bayan.gaj.staff@example.org");

        // When the first node dies after the server accepted the message but before it heard so (and committed SENT)
        killWhileSending(notice, Stall.BEFORE_250_FOR_DATA);

        // Then the mail arrived; the other node leaves it alone while the claim lasts
        assertThat(copiesPerMessageId(notice)).isEqualTo(1);
        assertThatThrownBy(() -> otherNode.send(notice)).isInstanceOf(MailInFlightException.class);

        // and after it sends it again — at least once, never lost — with the same Message-ID: the documented window
        ClockUtil.setCurrentTime(new Date(NOW.getTime() + LEASE.toMillis() + 1000));
        assertThat(otherNode.send(notice)).isEqualTo(SendResult.SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(copiesPerMessageId(notice)).isEqualTo(2);
    }

    @Test
    void aNodeKilledInAReminderStormLeavesEveryMailToTheOtherNodeWhichSendsEachOnce() throws Exception {
        List<Notice> storm = IntStream.range(0, STORM).mapToObj(i -> MailerTest.reminder(
                "kn" + i + ".staff@example.org")).toList();
        DyingDataSource database = new DyingDataSource(dataSource);
        try (StallingSmtpProxy network = new StallingSmtpProxy(smtp.getSmtp().getPort(),
                Stall.BEFORE_END_OF_DATA_ONCE_FROZEN)) {
            // Given the first node sending a storm of reminders, four at a time
            Mailer firstNode = firstNode(database, network);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            try {
                storm.forEach(notice -> senders.submit(() -> firstNode.send(notice)));
                assertThat(smtp.waitForIncomingEmail(60_000, STORM / 4)).as("a quarter of the storm sent").isTrue();

                // When it dies with each of its four senders in the middle of a message
                network.freeze();
                assertThat(network.awaitHeld(SENDERS)).as("every sender held in a message").isTrue();
                database.kill();
                network.close();
            } finally {
                senders.shutdown();
                assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        int beforeDeath = smtp.getReceivedMessages().length;
        assertThat(beforeDeath).isBetween(STORM / 4, STORM - SENDERS);

        // Then, once the dead node's claims have run out, the other node sends the rest of the storm
        ClockUtil.setCurrentTime(new Date(NOW.getTime() + LEASE.toMillis() + 1000));
        long sentNow = storm.stream().filter(n -> otherNode.send(n) == SendResult.SENT).count();
        assertThat(sentNow).isEqualTo(STORM - beforeDeath);

        // and every reminder is in its recipient's mailbox exactly once
        for (Notice notice : storm) {
            assertThat(copiesPerMessageId(notice)).as("copies of %s", notice.recipientEmail()).isEqualTo(1);
        }
        assertThat(smtp.getReceivedMessages()).hasSize(STORM);
    }

    private Mailer firstNode(DataSource database, StallingSmtpProxy network) {
        JavaMailSenderImpl settings = new JavaMailSenderImpl();
        settings.setHost("127.0.0.1");
        settings.setPort(network.port());
        return new Mailer(new MailSession(settings), new MailTemplates(),
                new MailLog(new NamedParameterJdbcTemplate(database)), new DataSourceTransactionManager(database),
                new NotificationProperties("http://tasklist.example.org", null),
                new MailClaimProperties(LEASE, "node-1"));
    }

    /** Starts the first node's attempt through a proxy that freezes at the point, then kills the node there. */
    private void killWhileSending(Notice notice, Stall at) throws Exception {
        DyingDataSource database = new DyingDataSource(dataSource);
        try (StallingSmtpProxy network = new StallingSmtpProxy(smtp.getSmtp().getPort(), at)) {
            Mailer firstNode = firstNode(database, network);
            Future<SendResult> attempt = nodeThreads.submit(() -> firstNode.send(notice));
            assertThat(network.awaitStalled()).as("the conversation reached %s", at).isTrue();
            database.kill();
            network.close();
            try {
                attempt.get(60, TimeUnit.SECONDS); // the dead node's thread ends; it can write nothing any more
            } catch (java.util.concurrent.ExecutionException expected) {
                // its SMTP connection or its database went away under it
            }
        }
    }

    /** How many copies of this mail the recipient's mailbox has (by the mail's stable Message-ID). */
    private long copiesPerMessageId(Notice notice) {
        String id = otherNode.messageId(notice, notice.recipientKey());
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> id.equals(messageId(m))).count();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A node's view of the database that dies with it: its connections closed, no new one given. */
    static final class DyingDataSource extends DelegatingDataSource {

        private final Set<Connection> handedOut = ConcurrentHashMap.newKeySet();
        private volatile boolean dead;

        DyingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (dead) {
                throw new SQLException("the node is dead");
            }
            Connection connection = super.getConnection();
            handedOut.add(connection);
            return connection;
        }

        void kill() {
            dead = true;
            for (Connection connection : List.copyOf(handedOut)) {
                try {
                    connection.close(); // the pool rolls back what the node had not committed
                } catch (SQLException e) {
                    // gone anyway
                }
            }
        }
    }
}
