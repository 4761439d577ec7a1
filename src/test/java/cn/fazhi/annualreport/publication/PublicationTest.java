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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publication on the built-in public column after the secrecy review: what is published (the final version, or only
 * the redacted text), URL and time recorded, the URL checked over real HTTP before the case goes on, and nothing at
 * all for a report kept from the public.
 */
@AnnualReportTest
class PublicationTest {

    /** A passage the secrecy review deletes. */
    static final String SECRET = "应急指挥中心备用机房位于城西某地下工程，由武警某部值守。";
    static final String DRAFT_WITH_SECRET = TestCases.DRAFT_TEXT.replace("三、2026年工作安排",
            "（二）" + SECRET + "\n三、2026年工作安排");
    static final String REDACTED = TestCases.DRAFT_TEXT;

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate rest;
    @LocalServerPort
    int port;

    TestCases cases;
    PublicationFixture fixture;

    @BeforeEach
    void setUp() {
        init(engine);
        cases = new TestCases(engine);
        fixture = new PublicationFixture(engine, cases, jdbc, port);
        setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void aCaseUpToPublicationProducesThePublicPageAndTheFeedEntryWithUrlAndTimeRecorded() {
        // Given 巴彦县公安局's issued report at the secrecy review (its reports go to the column only)
        ProcessInstance pi = fixture.atSecrecyReview("bayan-gaj", draft(false), null);
        setClock(LocalDateTime.of(2026, 3, 2, 10, 0));

        // When the reviewer releases it in full
        cases.complete(pi, TASK_SECRECY_REVIEW, secrecy());

        // Then it is released for publication but not public yet: the publishing job waits
        assertThat(pi).isWaitingAt(SERVICE_PUBLISH_REPORT);
        assertThat(fixture.rows(pi).get("PUBLIC_COLUMN")).containsEntry("STATUS", "PENDING");
        assertThat(fixture.get("/public/reports/bayan-gaj/2025").statusCode()).isEqualTo(404);

        // When the jobs run (publication, then the URL check, which GETs the page over HTTP)
        cases.executeDueJobs();

        // Then URL and time are recorded, the URL answered, and the case went on to the archive
        String url = fixture.base() + "/public/reports/bayan-gaj/2025";
        Map<String, Object> row = fixture.rows(pi).get("PUBLIC_COLUMN");
        assertThat(row).containsEntry("STATUS", "VERIFIED").containsEntry("URL", url)
                .containsEntry("DOCUMENT_NUMBER", "巴公呈〔2026〕1号").containsEntry("SECRECY_DECISION", "PUBLISH_FULL")
                .containsEntry("TITLE", "巴彦县公安局2025年度法治政府建设情况报告");
        // H2 answers OffsetDateTime for TIMESTAMP WITH TIME ZONE, PostgreSQL's driver a Timestamp
        Object published = row.get("PUBLISHED_AT");
        java.time.Instant publishedAt = published instanceof java.sql.Timestamp t ? t.toInstant()
                : ((OffsetDateTime) published).toInstant();
        assertThat(publishedAt).isEqualTo(OffsetDateTime.parse("2026-03-02T10:00:00+08:00").toInstant());
        assertThat(row.get("VERIFIED_AT")).isNotNull();
        assertThat(pi).isWaitingAt(TASK_ARCHIVE).hasPassedInOrder(SERVICE_PUBLISH_REPORT, SERVICE_CHECK_PUBLICATION);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), VAR_PUBLICATION_URL)).isEqualTo(url);
        assertThat((Date) engine.getRuntimeService().getVariable(pi.getId(), VAR_PUBLISHED_AT))
                .isEqualTo(Date.from(publishedAt));
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), VAR_PUBLICATION_VERIFIED_AT)).isNotNull();
        assertThat(PortalCms.received()).isEmpty();

        // And the page shows title, 文号, date and the text in paragraphs under its headings
        HttpResponse<String> page = fixture.get("/public/reports/bayan-gaj/2025");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("h1").text()).isEqualTo("巴彦县公安局2025年度法治政府建设情况报告");
        assertThat(html.select("dl.meta").text()).contains("巴公呈〔2026〕1号", "2026年3月2日", "巴彦县公安局");
        assertThat(html.select(".report-text h2").eachText()).containsExactly("一、主要举措和成效", "二、存在的不足和原因",
                "三、2026年工作安排");
        assertThat(html.select(".report-text p").eachText()).contains("一是执法队伍建设还需加强，原因是培训不足。")
                .noneMatch(p -> p.contains("情况报告")); // the title line is the heading, not a paragraph

        // And the entity's list, the column and the feed carry it, the feed with its URL and a UTC time
        assertThat(Jsoup.parse(fixture.get("/public/reports/bayan-gaj").body()).select("table.list").text())
                .contains("2025年度", "巴公呈〔2026〕1号", "2026年3月2日");
        assertThat(Jsoup.parse(fixture.get("/public/reports").body()).select("ul.entities").text()).contains("巴彦县公安局");
        HttpResponse<String> feed = fixture.get("/public/reports/feed.atom");
        assertThat(feed.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=UTF-8");
        assertThat(feed.body()).contains("<link rel=\"alternate\" type=\"text/html\" href=\"" + url + "\"",
                "<published>2026-03-02T02:00:00Z</published>", "巴彦县公安局2025年度法治政府建设情况报告");
    }

    @Test
    void contentRemovedByTheSecrecyReviewNeverAppears() {
        // Given a final version with a passage that must not be published
        ProcessInstance pi = fixture.atSecrecyReview("bayan-gaj",
                draft("报告.txt", DRAFT_WITH_SECRET.getBytes(StandardCharsets.UTF_8), false), null);

        // When the reviewer releases it after deleting that passage, and the jobs run
        cases.complete(pi, TASK_SECRECY_REVIEW, secrecyRedacted(REDACTED));
        cases.executeDueJobs();

        // Then exactly the redacted text is published: the page shows the rest, never the passage
        assertThat(fixture.rows(pi).get("PUBLIC_COLUMN")).containsEntry("STATUS", "VERIFIED")
                .containsEntry("SECRECY_DECISION", "PUBLISH_REDACTED").containsEntry("PUBLISHED_TEXT", REDACTED.strip());
        String page = fixture.get("/public/reports/bayan-gaj/2025").body();
        assertThat(page).contains("一是执法队伍建设还需加强").doesNotContain("备用机房", "武警某部");
        assertThat(fixture.get("/public/reports/feed.atom").body()).contains("一是执法队伍建设还需加强")
                .doesNotContain("备用机房");
        assertThat(fixture.get("/public/reports/bayan-gaj").body() + fixture.get("/public/reports").body())
                .doesNotContain("备用机房");
        assertThat(fixture.allPublishedTexts()).noneMatch(t -> t.contains("备用机房"));
        // and the redacted text never became a process variable (it is transient)
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableNameIn("redactedText", "redactedReport").count()).isZero();
    }

    @Test
    void withoutTheRedactedTextNothingCanBeReleasedAfterDeletingContent() {
        // Given a report at the secrecy review
        ProcessInstance pi = fixture.atSecrecyReview("bayan-gaj",
                draft("报告.txt", DRAFT_WITH_SECRET.getBytes(StandardCharsets.UTF_8), false), null);
        String task = cases.task(pi, TASK_SECRECY_REVIEW).getId();
        Map<String, Object> noText = new HashMap<>(secrecyRedacted(REDACTED));
        noText.remove("redactedText");

        // When the reviewer chooses "publish after deleting content" without the text, or with the unchanged text
        assertThatThrownBy(() -> engine.getTaskService().complete(task, noText))
                .hasRootCauseInstanceOf(SecrecyReviewException.class).hasMessageContaining("redacted text");
        assertThatThrownBy(() -> engine.getTaskService().complete(task, secrecyRedacted(DRAFT_WITH_SECRET)))
                .hasRootCauseInstanceOf(SecrecyReviewException.class).hasMessageContaining("nothing was deleted");

        // Then the review stays open and nothing is released, let alone published
        assertThat(pi).isWaitingAt(TASK_SECRECY_REVIEW);
        assertThat(fixture.rows(pi)).isEmpty();
        assertThat(fixture.get("/public/reports/bayan-gaj/2025").statusCode()).isEqualTo(404);
    }

    @Test
    void aNotPublicDecisionPublishesNothing() {
        // Given a report of 廊坊市司法局 (its reports would also go to the portal CMS) at the secrecy review
        ProcessInstance pi = fixture.atSecrecyReview("langfang-sfj", draft(false), null);

        // When the reviewer keeps it from the public, and every due job runs
        cases.complete(pi, TASK_SECRECY_REVIEW, secrecyNotPublic());
        cases.executeDueJobs();

        // Then nothing was published anywhere: no row, no call to the CMS, no page, no feed entry, no column entry
        assertThat(pi).isWaitingAt(TASK_ARCHIVE).hasNotPassed(SERVICE_PUBLISH_REPORT);
        assertThat(fixture.rows(pi)).isEmpty();
        assertThat(PortalCms.received()).isEmpty();
        assertThat(fixture.get("/public/reports/langfang-sfj/2025").statusCode()).isEqualTo(404);
        assertThat(fixture.get("/public/reports/langfang-sfj").statusCode()).isEqualTo(404);
        assertThat(fixture.get("/public/reports/feed.atom").body()).doesNotContain("廊坊市司法局", "<entry>");
        assertThat(fixture.get("/public/reports").body()).doesNotContain("廊坊市司法局");
    }

    @Test
    @SuppressWarnings("unchecked")
    void overRestTheReviewerUploadsTheRedactedFileAndIncompleteReviewsAreRefusedBeforeTheEngine() {
        // Given a report at the secrecy review, its reviewer (bayan-gaj-secrecy) working over the engine's REST API
        ProcessInstance pi = fixture.atSecrecyReview("bayan-gaj",
                draft("报告.txt", DRAFT_WITH_SECRET.getBytes(StandardCharsets.UTF_8), false), null);
        String task = cases.task(pi, TASK_SECRECY_REVIEW).getId();
        Map<String, Object> file = Map.of("type", "File",
                "value", Base64.getEncoder().encodeToString(REDACTED.getBytes(StandardCharsets.UTF_8)),
                "valueInfo", Map.of("filename", "公开版.txt", "mimetype", "text/plain"));

        // When the review says "publish after deleting content" without a text, with both a file and a text, with a
        // text still holding everything, or "not public" without a reason
        ResponseEntity<Map<String, Object>> missing = complete(task, redactedVariables(null, null));
        ResponseEntity<Map<String, Object>> both = complete(task, redactedVariables(file, REDACTED));
        ResponseEntity<Map<String, Object>> unchanged = complete(task, redactedVariables(null, DRAFT_WITH_SECRET));
        ResponseEntity<Map<String, Object>> noReason = complete(task, Map.of(
                "secrecyDecision", Map.of("value", "NOT_PUBLIC", "type", "String"),
                "secrecyReviewer", Map.of("value", "陶科员", "type", "String")));

        // Then each is a bilingual 400 before the engine is touched
        for (ResponseEntity<Map<String, Object>> refused : java.util.List.of(missing, both, unchanged, noReason)) {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).containsKeys("messageZh", "messageEn");
        }
        assertThat((String) missing.getBody().get("messageZh")).contains("删除涉密内容后的公开文本");
        assertThat((String) unchanged.getBody().get("messageZh")).contains("未删除任何内容");
        assertThat(pi).isWaitingAt(TASK_SECRECY_REVIEW);

        // When the reviewer uploads the redacted file
        ResponseEntity<Map<String, Object>> done = complete(task, redactedVariables(file, null));
        cases.executeDueJobs();

        // Then the file's text is what is published, and the file never became a process variable
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(fixture.rows(pi).get("PUBLIC_COLUMN")).containsEntry("STATUS", "VERIFIED")
                .containsEntry("PUBLISHED_TEXT", REDACTED.strip());
        assertThat(fixture.get("/public/reports/bayan-gaj/2025").body()).doesNotContain("备用机房");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("redactedReport").count()).isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("secrecyDecision").singleResult().getValue()).isEqualTo("PUBLISH_REDACTED");
    }

    private static Map<String, Object> redactedVariables(Map<String, Object> file, String text) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("secrecyDecision", Map.of("value", "PUBLISH_REDACTED", "type", "String"));
        variables.put("secrecyReviewer", Map.of("value", "陶科员", "type", "String"));
        variables.put("secrecyComment", Map.of("value", "删除了涉及工作秘密的一段", "type", "String"));
        if (file != null) {
            variables.put("redactedReport", file);
        }
        if (text != null) {
            variables.put("redactedText", Map.of("value", text, "type", "String",
                    "valueInfo", Map.of("transient", true)));
        }
        return variables;
    }

    private ResponseEntity<Map<String, Object>> complete(String taskId, Map<String, Object> variables) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("bayan_gaj_staff", "demo");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", variables), headers), new ParameterizedTypeReference<>() { });
    }
}
