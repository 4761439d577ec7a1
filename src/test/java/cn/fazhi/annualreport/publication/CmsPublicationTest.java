package cn.fazhi.annualreport.publication;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static cn.fazhi.annualreport.testing.TestCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.PortalCms;
import cn.fazhi.annualreport.testing.TestCases;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The portal CMS as a publication target, against a real HTTP server (testing.PortalCms, configured for the entities
 * under 河北省): the contract (POST, Bearer token, JSON, the page's URL in the answer), retries with growing intervals
 * through the engine's job retries, and incidents in Cockpit when the CMS keeps failing or its page never answers.
 */
@AnnualReportTest
class CmsPublicationTest {

    private static final LocalDateTime REVIEWED = LocalDateTime.of(2026, 3, 2, 10, 0);

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    TestCases cases;
    PublicationFixture fixture;
    ManagementService management;

    @BeforeEach
    void setUp() {
        init(engine);
        cases = new TestCases(engine);
        fixture = new PublicationFixture(engine, cases, jdbc, port);
        management = engine.getManagementService();
        setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    /** 廊坊市司法局's report released by the secrecy review at REVIEWED; its publishing job waits. */
    private ProcessInstance released() {
        ProcessInstance pi = fixture.atSecrecyReview("langfang-sfj", draft(false), "廊司呈〔2026〕7号");
        setClock(REVIEWED);
        cases.complete(pi, TASK_SECRECY_REVIEW, secrecy());
        return pi;
    }

    @Test
    void theCmsReceivesTheReportWithItsTokenAndItsPageUrlIsRecordedAndChecked() {
        // Given a released report of an entity whose reports also go to the CMS
        ProcessInstance pi = released();

        // When the jobs run
        cases.executeDueJobs();

        // Then the CMS received it once: POST as JSON with the Bearer token and the case as idempotency key
        List<PortalCms.Received> received = PortalCms.received();
        assertThat(received).hasSize(1);
        PortalCms.Received call = received.get(0);
        assertThat(call.authorization()).isEqualTo("Bearer " + PortalCms.TOKEN);
        assertThat(call.contentType()).startsWith("application/json");
        assertThat(call.idempotencyKey()).isEqualTo("annual-report:" + pi.getId());
        JsonNode body = call.body();
        assertThat(body.path("id").asText()).isEqualTo(pi.getId());
        assertThat(body.path("title").asText()).isEqualTo("廊坊市司法局2025年度法治政府建设情况报告");
        assertThat(body.path("entityCode").asText()).isEqualTo("langfang-sfj");
        assertThat(body.path("entityName").asText()).isEqualTo("廊坊市司法局");
        assertThat(body.path("year").asInt()).isEqualTo(2025);
        assertThat(body.path("documentNumber").asText()).isEqualTo("廊司呈〔2026〕7号");
        assertThat(body.path("publishedAt").asText()).isEqualTo("2026-03-02T02:00:00Z");
        assertThat(body.path("text").asText()).contains("一是执法队伍建设还需加强");
        assertThat(body.path("html").asText()).contains("<h2>一、主要举措和成效</h2>", "<p>一是执法队伍建设还需加强，原因是培训不足。</p>");

        // And both targets are recorded with URL and time and answered the check; the case uses the CMS's page
        Map<String, Map<String, Object>> rows = fixture.rows(pi);
        String cmsPage = PortalCms.base() + "/articles/";
        assertThat(rows.get(PortalCms.NAME)).containsEntry("STATUS", "VERIFIED").containsEntry("ATTEMPTS", 0);
        assertThat((String) rows.get(PortalCms.NAME).get("URL")).startsWith(cmsPage);
        assertThat(rows.get("PUBLIC_COLUMN")).containsEntry("STATUS", "VERIFIED");
        assertThat(pi).isWaitingAt(TASK_ARCHIVE);
        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), VAR_PUBLICATION_URL)).startsWith(cmsPage);

        // And the column's page links to the portal's copy
        assertThat(Jsoup.parse(fixture.get("/public/reports/langfang-sfj/2025").body()).select("p.portal a").attr("href"))
                .startsWith(cmsPage);
    }

    @Test
    void aCmsErrorIsRetriedAfterAMinuteAndThenSucceedsWithoutLosingTheColumn() {
        // Given a released report, and a CMS that answers 500 once
        ProcessInstance pi = released();
        PortalCms.failNext(1, 500);

        // When the publishing job runs
        Job job = fixture.job(pi, SERVICE_PUBLISH_REPORT);
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("HTTP 500");

        // Then it will retry in a minute (4 attempts left), the failure recorded; the column has published meanwhile
        Job retry = fixture.job(pi, SERVICE_PUBLISH_REPORT);
        assertThat(retry.getRetries()).isEqualTo(4);
        assertThat(retry.getDuedate().toInstant()).isEqualTo(REVIEWED.plusMinutes(1).atZone(ZONE).toInstant());
        Map<String, Map<String, Object>> rows = fixture.rows(pi);
        assertThat(rows.get(PortalCms.NAME)).containsEntry("STATUS", "PENDING").containsEntry("ATTEMPTS", 1);
        assertThat((String) rows.get(PortalCms.NAME).get("LAST_ERROR")).contains("HTTP 500");
        assertThat(rows.get("PUBLIC_COLUMN")).containsEntry("STATUS", "PUBLISHED");
        assertThat(fixture.get("/public/reports/langfang-sfj/2025").statusCode()).isEqualTo(200);

        // When the minute has passed and the jobs run
        setClock(REVIEWED.plusMinutes(1));
        cases.executeDueJobs();

        // Then the CMS has it (the same idempotency key twice), both are checked and the case goes on
        assertThat(PortalCms.received()).hasSize(2).extracting(PortalCms.Received::idempotencyKey).containsOnly(
                "annual-report:" + pi.getId());
        assertThat(fixture.rows(pi).get(PortalCms.NAME)).containsEntry("STATUS", "VERIFIED");
        assertThat(fixture.rows(pi).get("PUBLIC_COLUMN")).containsEntry("STATUS", "VERIFIED");
        assertThat(pi).isWaitingAt(TASK_ARCHIVE);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void aCmsThatKeepsFailingEndsInAnIncidentAfterGrowingIntervalsAndARetryByTheAdminFinishesIt() {
        // Given a released report, and a CMS that is down
        ProcessInstance pi = released();
        PortalCms.failNext(Integer.MAX_VALUE, 503);

        // When the job fails again each time its next attempt is due
        LocalDateTime now = REVIEWED;
        for (Duration wait : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2))) {
            Job job = fixture.job(pi, SERVICE_PUBLISH_REPORT);
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("HTTP 503");
            // Then the next attempt waits longer: 1, 5, 30 minutes, 2 hours
            now = now.plus(wait);
            assertThat(fixture.job(pi, SERVICE_PUBLISH_REPORT).getDuedate().toInstant())
                    .isEqualTo(now.atZone(ZONE).toInstant());
            setClock(now);
        }
        Job last = fixture.job(pi, SERVICE_PUBLISH_REPORT);
        assertThatThrownBy(() -> management.executeJob(last.getId())).hasMessageContaining("HTTP 503");

        // Then after the fifth attempt the job is out of retries and Cockpit shows an incident with the CMS's answer
        assertThat(fixture.job(pi, SERVICE_PUBLISH_REPORT).getRetries()).isZero();
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(SERVICE_PUBLISH_REPORT);
        assertThat(incident.getIncidentMessage()).contains("HTTP 503", PortalCms.NAME);
        assertThat(fixture.rows(pi).get(PortalCms.NAME)).containsEntry("STATUS", "PENDING").containsEntry("ATTEMPTS", 5);
        assertThat(pi).isWaitingAt(SERVICE_PUBLISH_REPORT);
        assertThat(PortalCms.received()).hasSize(5);

        // When the CMS is back and an admin retries the job now (Cockpit: retry, due date "now"), and the jobs run
        PortalCms.failNext(0, 503);
        String jobId = fixture.job(pi, SERVICE_PUBLISH_REPORT).getId();
        management.setJobRetries(jobId, 1);
        management.setJobDuedate(jobId, java.util.Date.from(now.atZone(ZONE).toInstant()));
        cases.executeDueJobs();

        // Then the incident is resolved and the case goes on, published on both targets
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(pi).isWaitingAt(TASK_ARCHIVE);
        assertThat(fixture.rows(pi).values()).extracting(r -> r.get("STATUS")).containsOnly("VERIFIED");
    }

    @Test
    void aPublishedUrlThatDoesNotAnswerIsRetriedThenRaisesAnIncidentAndTheCaseWaits() {
        // Given a released report, and a CMS that accepts reports but whose pages answer 404
        ProcessInstance pi = released();
        PortalCms.losePages(true);

        // When the report is published and its check fails each time it is due (every 5 minutes)
        Job publish = fixture.job(pi, SERVICE_PUBLISH_REPORT);
        management.executeJob(publish.getId());
        assertThat(pi).isWaitingAt(SERVICE_CHECK_PUBLICATION);
        LocalDateTime now = REVIEWED;
        for (int attempt = 1; attempt <= 5; attempt++) {
            Job check = fixture.job(pi, SERVICE_CHECK_PUBLICATION);
            assertThatThrownBy(() -> management.executeJob(check.getId())).hasMessageContaining("HTTP 404");
            now = now.plusMinutes(5);
            if (attempt < 5) {
                assertThat(fixture.job(pi, SERVICE_CHECK_PUBLICATION).getDuedate().toInstant())
                        .isEqualTo(now.atZone(ZONE).toInstant());
            }
            setClock(now);
        }

        // Then the check is out of retries with an incident; the case has not gone on
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(SERVICE_CHECK_PUBLICATION);
        assertThat(incident.getIncidentMessage()).contains("HTTP 404", PortalCms.base() + "/articles/");
        assertThat(pi).isWaitingAt(SERVICE_CHECK_PUBLICATION).hasNotPassed(TASK_ARCHIVE);
        Map<String, Map<String, Object>> rows = fixture.rows(pi);
        assertThat(rows.get(PortalCms.NAME)).containsEntry("STATUS", "PUBLISHED");
        assertThat((String) rows.get(PortalCms.NAME).get("LAST_ERROR")).contains("HTTP 404");
        assertThat(rows.get("PUBLIC_COLUMN")).containsEntry("STATUS", "VERIFIED");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), VAR_PUBLICATION_VERIFIED_AT)).isNull();

        // When the CMS's pages are back and the admin retries the check
        PortalCms.losePages(false);
        management.setJobRetries(fixture.job(pi, SERVICE_CHECK_PUBLICATION).getId(), 1);
        cases.executeDueJobs();

        // Then it passes and the case goes on
        assertThat(pi).isWaitingAt(TASK_ARCHIVE);
        assertThat(fixture.rows(pi).get(PortalCms.NAME)).containsEntry("STATUS", "VERIFIED");
    }

    @Test
    void aCmsAnsweringAJavascriptUrlIsAFailureAndTheUrlIsNeverRecordedOrLinked() {
        // Given a released report, and a CMS that answers a javascript: URL
        ProcessInstance pi = released();
        PortalCms.answerUrl("javascript:alert(document.cookie)");

        // When the publishing job runs
        Job job = fixture.job(pi, SERVICE_PUBLISH_REPORT);
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("valid page URL");

        // Then the CMS target stays pending, the URL is recorded nowhere and the column page links to nothing
        Map<String, Object> cms = fixture.rows(pi).get(PortalCms.NAME);
        assertThat(cms).containsEntry("STATUS", "PENDING").containsEntry("URL", null);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM publication WHERE LOWER(url) LIKE '%javascript%'",
                Integer.class)).isZero();
        assertThat(Jsoup.parse(fixture.get("/public/reports/langfang-sfj/2025").body()).select("a[href]"))
                .noneMatch(a -> a.attr("href").toLowerCase().contains("javascript"));
    }
}
