package cn.fazhi.annualreport.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** GET /api/mail-log: filters, newest first, limits, refusals, and who sees which rows. */
@AnnualReportTest
class MailLogApiTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS = new ParameterizedTypeReference<>() { };
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Mailer mailer;
    @Autowired
    GreenMail smtp;
    @Autowired
    ProcessEngine engine;
    @Autowired
    MailLog mailLog;

    TestCases cases;
    String run;

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        smtp.purgeEmailFromAllMailboxes();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        cases.cleanUp();
    }

    private Notice notice(String key, String userId, String email, String businessKey, String pid, String taskId) {
        return Notice.builder(NoticeKind.REMINDER, key + ":" + run)
                .recipient(userId, null, email)
                .reportCase("巴彦县公安局", 2025, businessKey, pid)
                .task(taskId, "起草年度报告", null)
                .build();
    }

    @Test
    void filtersByBusinessKeyRecipientTaskAndStatusNewestFirst() {
        // Given three mails of one case (one of them failed) and one of another case
        String caseKey = "mltest-" + run + ":2025";
        mailer.send(notice("a", "bayan_gaj_staff", "bayan.gaj.staff@example.org", caseKey, "pi-" + run, "t1-" + run));
        mailer.send(notice("b", "bayan_gaj_head", "bayan.gaj.head@example.org", caseKey, "pi-" + run, "t1-" + run));
        smtp.stop();
        try {
            mailer.send(notice("c", "bayan_gaj_staff", "bayan.gaj.staff@example.org", caseKey, "pi-" + run, "t2-" + run));
        } catch (MailDeliveryException expected) {
            // logged FAILED
        } finally {
            smtp.start();
        }
        mailer.send(notice("d", "bayan_gaj_staff", "bayan.gaj.staff@example.org", "other-" + run + ":2025", "pj-" + run, "t3-" + run));

        // Then the case's mails come newest first
        List<Map<String, Object>> ofCase = get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?businessKey=" + caseKey).getBody();
        assertThat(ofCase).extracting(r -> r.get("dedupKey")).containsExactly("c:" + run, "b:" + run, "a:" + run);
        assertThat(ofCase.get(0)).containsEntry("status", "FAILED").containsEntry("attempts", 1)
                .containsEntry("recipient", "bayan.gaj.staff@example.org").containsEntry("kind", "REMINDER")
                .containsEntry("businessKey", caseKey).containsEntry("taskId", "t2-" + run);
        assertThat((String) ofCase.get(0).get("error")).isNotBlank();
        assertThat(ofCase.get(1)).containsEntry("status", "SENT").containsEntry("recipientId", "bayan_gaj_head");
        assertThat((String) ofCase.get(1).get("sentAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+08:00");

        // and each filter narrows
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?businessKey=" + caseKey + "&status=sent").getBody())
                .extracting(r -> r.get("dedupKey")).containsExactly("b:" + run, "a:" + run);
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?businessKey=" + caseKey + "&recipient=Bayan.Gaj.Staff@example.org")
                .getBody()).extracting(r -> r.get("dedupKey")).containsExactly("c:" + run, "a:" + run);
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?businessKey=" + caseKey + "&recipient=bayan_gaj_head")
                .getBody()).extracting(r -> r.get("dedupKey")).containsExactly("b:" + run);
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?taskId=t1-" + run).getBody())
                .extracting(r -> r.get("dedupKey")).containsExactly("b:" + run, "a:" + run);
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?processInstanceId=pj-" + run).getBody())
                .extracting(r -> r.get("dedupKey")).containsExactly("d:" + run);
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?businessKey=" + caseKey + "&limit=1").getBody())
                .extracting(r -> r.get("dedupKey")).containsExactly("c:" + run);
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?businessKey=" + caseKey + "&kind=ESCALATION").getBody())
                .isEmpty();
    }

    @Test
    void aMailClaimedByANodeThatDiedIsListedAsSendingUntilItIsSentAgain() {
        // Given a reminder claimed by a node that died before the SMTP server answered (its claim runs for 5 minutes)
        String caseKey = "mltest-" + run + ":2025";
        Notice notice = notice("s", "bayan_gaj_staff", "bayan.gaj.staff@example.org", caseKey, "pi-" + run, "t1-" + run);
        OffsetDateTime claimed = OffsetDateTime.now(Beijing.ZONE).minusMinutes(10)
                .truncatedTo(ChronoUnit.SECONDS);
        mailLog.insertClaimed(notice, "bayan.gaj.staff@example.org", "dead-node#1", claimed.plusMinutes(5), claimed);

        // Then the admin finds it in the mail log as SENDING, with the end of the dead node's claim, also by status
        Map<String, Object> sending = get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?businessKey=" + caseKey).getBody()
                .get(0);
        assertThat(sending).containsEntry("status", "SENDING").containsEntry("attempts", 0).containsEntry("sentAt", null);
        assertThat(OffsetDateTime.parse((String) sending.get("claimedUntil"))).isEqualTo(claimed.plusMinutes(5));
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?status=sending&businessKey=" + caseKey).getBody())
                .extracting(r -> r.get("dedupKey")).containsExactly("s:" + run);

        // When the reminder is sent again after the claim ran out
        assertThat(mailer.send(notice)).isEqualTo(SendResult.SENT);

        // Then the same row says SENT, without a claim, and the mail went out once
        Map<String, Object> sent = get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?businessKey=" + caseKey).getBody().get(0);
        assertThat(sent).containsEntry("status", "SENT").containsEntry("claimedUntil", null)
                .containsEntry("attempts", 1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void badParametersAreRefusedWithABilingualMessage() {
        for (String query : List.of("limit=0", "limit=1001", "limit=abc", "limit=-5", "status=DELIVERED",
                "kind=SPAM", "businessKey=" + "x".repeat(256))) {
            ResponseEntity<Map<String, Object>> response = rest.exchange("/api/mail-log?" + query, HttpMethod.GET,
                    new HttpEntity<>(auth(ADMIN, ADMIN_PASSWORD)), new ParameterizedTypeReference<>() { });
            assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).as(query).containsEntry("status", 400)
                    .containsEntry("error", "MailLogRequestException");
            assertThat((String) response.getBody().get("messageZh")).as(query).isNotBlank();
            assertThat((String) response.getBody().get("messageEn")).as(query).isNotBlank();
        }
        assertThat(get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?limit=1000").getStatusCode()).isEqualTo(HttpStatus.OK);
        // a filter given twice, or one the log does not have, is refused rather than dropped
        for (String query : List.of("recipient=a@example.org&recipient=b@example.org", "status=SENT&status=FAILED",
                "recipeint=a@example.org")) {
            ResponseEntity<Map<String, Object>> response = rest.exchange("/api/mail-log?" + query, HttpMethod.GET,
                    new HttpEntity<>(auth(ADMIN, ADMIN_PASSWORD)), new ParameterizedTypeReference<>() { });
            assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) response.getBody().get("messageZh")).as(query).containsAnyOf("只能给一次", "未知的参数");
            assertThat((String) response.getBody().get("messageEn")).as(query)
                    .containsAnyOf("may be given once", "Unknown parameter");
        }
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(rest.getForEntity("/api/mail-log", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aUserSeesHerOwnMailsAndTheMailsOfTheCasesSheMayReadOnly() {
        // Given 巴彦县's case, a mail of it to a department head, a mail to the owner herself, and one of elsewhere
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        ProcessInstance bayan = cases.start("bayan", 2025);
        mailer.send(notice("case", "bayan_gaj_head", "bayan.gaj.head@example.org", "bayan:2025", bayan.getId(), "t-" + run));
        mailer.send(notice("own", "bayan_owner", "bayan.owner@example.org", null, null, null));
        mailer.send(notice("elsewhere", "xinhua_owner", "xinhua.owner@example.org", "xinhua:2025", "pi-x-" + run, "t-x-" + run));

        // Then 巴彦县's owner sees the first two, not the third
        List<Object> seen = get("bayan_owner", "demo", "/api/mail-log?limit=1000").getBody().stream()
                .map(r -> r.get("dedupKey")).toList();
        assertThat(seen).contains("case:" + run, "own:" + run).doesNotContain("elsewhere:" + run);
        // and 新华区's owner sees none of 巴彦县's mails; the administrator sees all three
        List<Object> xinhua = get("xinhua_owner", "demo", "/api/mail-log?limit=1000").getBody().stream()
                .map(r -> r.get("dedupKey")).toList();
        assertThat(xinhua).contains("elsewhere:" + run).doesNotContain("case:" + run, "own:" + run);
        List<Object> admin = get(ADMIN, ADMIN_PASSWORD, "/api/mail-log?limit=1000").getBody().stream()
                .map(r -> r.get("dedupKey")).toList();
        assertThat(admin).contains("case:" + run, "own:" + run, "elsewhere:" + run);
    }

    private ResponseEntity<List<Map<String, Object>>> get(String user, String password, String path) {
        ResponseEntity<List<Map<String, Object>>> response = rest.exchange(path, HttpMethod.GET,
                new HttpEntity<>(auth(user, password)), ROWS);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response;
    }

    private static HttpHeaders auth(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return headers;
    }
}
