package cn.fazhi.annualreport.publication;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static cn.fazhi.annualreport.testing.TestCases.*;

import cn.fazhi.annualreport.testing.TestCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs cases up to the secrecy review as the people would (draft, review, gate, issuance, filing), runs their jobs,
 * reads the publication table, and calls the public pages anonymously over real HTTP.
 */
final class PublicationFixture {

    private final ProcessEngine engine;
    private final TestCases cases;
    private final JdbcTemplate jdbc;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    PublicationFixture(ProcessEngine engine, TestCases cases, JdbcTemplate jdbc, int port) {
        this.engine = engine;
        this.cases = cases;
        this.jdbc = jdbc;
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** A case of the entity for 2025, issued and filed, waiting at the secrecy review. */
    ProcessInstance atSecrecyReview(String entity, Map<String, Object> draft, String documentNumber) {
        return atSecrecyReview(entity, draft, documentNumber, Map.of());
    }

    ProcessInstance atSecrecyReview(String entity, Map<String, Object> draft, String documentNumber,
                                    Map<String, Object> draftExtras) {
        ProcessInstance pi = cases.start(entity, 2025);
        cases.complete(pi, TASK_SUBMIT_MATERIAL, material());
        Map<String, Object> submission = new HashMap<>(draft);
        submission.putAll(draftExtras);
        cases.complete(pi, TASK_DRAFT, submission);
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        switch ((String) engine.getRuntimeService().getVariable(pi.getId(), VAR_REVIEW_GATE)) {
            case "EXECUTIVE_MEETING" -> cases.complete(pi, TASK_EXECUTIVE_MEETING, meeting("APPROVE"));
            case "LEADERSHIP_MEETING" -> cases.complete(pi, TASK_LEADERSHIP_MEETING, meeting("APPROVE"));
            default -> cases.complete(pi, TASK_PRINCIPAL_SIGN_OFF, signOff("APPROVE"));
        }
        cases.complete(pi, TASK_SIGN_AND_ISSUE, documentNumber == null
                ? Map.of("issuedBy", "陈国栋", "issueDate", "2026-02-25") : issue(documentNumber));
        cases.complete(pi, TASK_FILE, filing("R-" + entity));
        cases.complete(pi, TASK_COPY, filing("C-" + entity));
        cases.task(pi, TASK_SECRECY_REVIEW);
        return pi;
    }

    /** The case's asynchronous job at an activity (publication or its check). */
    Job job(ProcessInstance pi, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).activityId(activityId)
                .singleResult();
    }

    /** The publication rows of a case, by target. */
    Map<String, Map<String, Object>> rows(ProcessInstance pi) {
        Map<String, Map<String, Object>> byTarget = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM publication WHERE process_instance_id = ?",
                pi.getId())) {
            byTarget.put((String) row.get("TARGET"), row);
        }
        return byTarget;
    }

    /** Every publication row's text, of every case. */
    List<String> allPublishedTexts() {
        return jdbc.queryForList("SELECT published_text FROM publication", String.class);
    }

    HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
