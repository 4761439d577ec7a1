package cn.fazhi.annualreport.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.ProcessEngine;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Nobody's task goes to nobody: a case whose entity has nobody in a role its tasks need is not started (the start
 * says which roles); a task that nobody can work on — a department without contributors, a role emptied by an import
 * — reaches its case's owners and the administrators as 【无人可办】, once, and the case view marks it.
 */
@AnnualReportTest
class UnstaffedTaskTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail smtp;
    @Autowired
    NoticeDispatcher dispatcher;

    TestCases cases;
    String registry;

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        dispatcher.dispatchDue();
        smtp.purgeEmailFromAllMailboxes();
        registry = exchange("admin", ADMIN_PASSWORD, HttpMethod.GET, "/api/entities/export", null, String.class)
                .getBody();
    }

    @AfterEach
    void tearDown() {
        if (engine.getIdentityService().createUserQuery().memberOfGroup("bayan-yshj-contributor").count() == 0) {
            engine.getIdentityService().createMembership("bayan_yshj_staff", "bayan-yshj-contributor");
        }
        assertThat(importRegistry(registry).getStatusCode()).isEqualTo(HttpStatus.OK);
        cases.cleanUp();
    }

    @Test
    void aCaseWhoseTasksWouldReachNobodyIsNotStartedAndTheStartSaysWhichRoles() {
        // Given 河北省人民政府, whose registry entry has only its owner
        // When the owner starts its 2025 case through the API, and through Tasklist's start form
        ResponseEntity<Map<String, Object>> api = exchange("hebei_owner", "demo", HttpMethod.POST, "/api/reports",
                Map.of("entity", "hebei", "year", 2025), JSON);
        ResponseEntity<Map<String, Object>> tasklist = exchange("hebei_owner", "demo", HttpMethod.POST,
                "/engine-rest/process-definition/key/annual-report/submit-form",
                Map.of("variables", Map.of("entityCode", Map.of("value", "hebei", "type", "String"),
                        "reportingYear", Map.of("value", 2025, "type", "Integer"))), JSON);

        // Then both are refused naming the roles nobody holds, and no case exists
        assertThat(api.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) api.getBody().get("messageZh")).contains("起草人员", "办公室", "保密审查人员", "无人办理")
                .doesNotContain("牵头负责人");
        assertThat((String) api.getBody().get("messageEn")).contains("drafter, office, secrecy");
        assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) tasklist.getBody().get("messageZh")).contains("起草人员");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("hebei:2025")
                .count()).isZero();
    }

    @Test
    void aDepartmentWithoutContributorsHasItsTaskEscalatedOnceAndMarkedInTheCaseView() throws Exception {
        // Given 巴彦县营商环境建设监督局 has nobody left to hand in its material
        engine.getIdentityService().deleteMembership("bayan_yshj_staff", "bayan-yshj-contributor");

        // When 巴彦县's owner starts the case, and the queued mails are sent
        ResponseEntity<Map<String, Object>> started = exchange("bayan_owner", "demo", HttpMethod.POST, "/api/reports",
                Map.of("entity", "bayan", "year", 2025), JSON);
        dispatcher.dispatchDue();

        // Then the case runs, and its owner and the administrator were told that the bureau's task has nobody
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        List<MimeMessage> nobody = unstaffedMails();
        assertThat(nobody).extracting(Mails::to)
                .containsExactlyInAnyOrder("bayan.owner@example.org", "admin@example.org");
        assertThat(nobody.get(0).getSubject()).contains("【无人可办】", "报送部门材料：营商环境建设监督局");
        assertThat(Mails.text(nobody.get(0))).contains("bayan-yshj-contributor", "没有人员", "/camunda/app/tasklist/");
        // and the other departments' clerks got their tasks as usual
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(Mails::to))
                .contains("bayan.gaj.staff@example.org");
        // and the case view marks the task
        Map<String, Object> view = exchange("bayan_owner", "demo", HttpMethod.GET, "/api/reports/bayan/2025", null,
                JSON).getBody();
        assertThat((String) view.get("phase")).contains("1项无人可办");
        assertThat((List<Map<String, Object>>) view.get("openTasks"))
                .filteredOn(t -> !(Boolean) t.get("staffed")).singleElement()
                .satisfies(t -> assertThat(t.get("candidateGroups")).isEqualTo(List.of("bayan-yshj-contributor")));

        // When the reminders fall due three working days before the materials deadline
        TestCases.setClock(LocalDateTime.of(2026, 2, 10, 9, 30));
        cases.executeDueJobs();
        dispatcher.dispatchDue();

        // Then nobody is told twice
        assertThat(unstaffedMails()).hasSize(2);
    }

    @Test
    void aRoleEmptiedByAnImportHasItsOpenTaskEscalated() throws Exception {
        // Given 巴彦县公安局's own report waits for its drafter
        assertThat(exchange("bayan_gaj_head", "demo", HttpMethod.POST, "/api/reports",
                Map.of("entity", "bayan-gaj", "year", 2025), JSON).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        dispatcher.dispatchDue();
        smtp.purgeEmailFromAllMailboxes();

        // When the administrator imports the registry with the bureau's drafters removed
        ResponseEntity<String> imported = importRegistry(withoutDrafters(registry, "bayan-gaj"));
        dispatcher.dispatchDue();

        // Then the bureau's owner and the administrator are told that the draft has nobody
        assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);
        List<MimeMessage> nobody = unstaffedMails();
        assertThat(nobody).extracting(Mails::to)
                .containsExactlyInAnyOrder("bayan.gaj.head@example.org", "admin@example.org");
        assertThat(nobody.get(0).getSubject()).contains("起草年度报告");
        assertThat(Mails.text(nobody.get(0))).contains("bayan-gaj-drafter");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private List<MimeMessage> unstaffedMails() {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("【无人可办】");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The registry as exported, with the entity's 起草人员 column emptied. */
    private static String withoutDrafters(String csv, String entity) throws Exception {
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv)).getRecords();
        List<String> header = records.get(0).getParser().getHeaderNames();
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(header);
            for (CSVRecord record : records) {
                List<String> values = new java.util.ArrayList<>(record.toList());
                if (record.get(0).equals(entity)) {
                    values.set(header.indexOf("起草人员"), "");
                }
                printer.printRecord(values);
            }
        }
        return out.toString();
    }

    private ResponseEntity<String> importRegistry(String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", ADMIN_PASSWORD);
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return rest.exchange("/api/entities/import?wait=50", HttpMethod.POST,
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), String.class);
    }

    private <T> ResponseEntity<T> exchange(String user, String password, HttpMethod method, String url, Object body,
                                           Class<T> type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return rest.exchange(url, method, new HttpEntity<>(body, headers), type);
    }

    private <T> ResponseEntity<T> exchange(String user, String password, HttpMethod method, String url, Object body,
                                           ParameterizedTypeReference<T> type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return rest.exchange(url, method, new HttpEntity<>(body, headers), type);
    }
}
