package cn.fazhi.annualreport.launch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** POST and GET /api/launches over HTTP, as an administrator's script or the admin's browser session calls them. */
@AnnualReportTest
class LaunchApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() { };
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EntityRegistry registry;
    @Autowired
    LaunchSchedule schedule;

    LaunchTesting testing;
    TestCases cases;

    @BeforeEach
    void setUp() {
        testing = new LaunchTesting(engine);
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        testing.cleanUp(schedule);
    }

    @Test
    void anAdministratorLaunchesEveryActiveEntitysCaseParentsFirst() {
        int active = registry.active().size();

        // When the administrator launches 2025
        ResponseEntity<Map<String, Object>> accepted = post(ADMIN, ADMIN_PASSWORD, Map.of("year", 2025));

        // Then the launch is accepted (the cases start in the background) with a Location to follow it
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = (String) accepted.getBody().get("id");
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/launches/" + id);
        assertThat(accepted.getBody()).containsEntry("year", 2025).containsEntry("trigger", "MANUAL")
                .containsEntry("requestedBy", ADMIN).containsEntry("state", "RUNNING")
                .containsEntry("total", active).containsEntry("pending", active).containsEntry("started", 0);

        // When the job executor has run the launch's jobs
        assertThat(testing.runDueJobs(null)).isEmpty();

        // Then the launch is finished: every entity STARTED with its case, governments before their departments,
        // except the governments with nobody to do their tasks: SKIPPED, naming the roles nobody holds
        int nobody = LaunchTesting.NOBODY_TO_WORK.size();
        Map<String, Object> done = get(ADMIN, ADMIN_PASSWORD, "/api/launches/" + id).getBody();
        assertThat(done).containsEntry("state", "FINISHED").containsEntry("started", active - nobody)
                .containsEntry("skipped", nobody).containsEntry("failed", 0).containsEntry("pending", 0);
        assertThat(done.get("finishedAt")).isNotNull();
        List<Map<String, Object>> results = results(done);
        assertThat(results).allSatisfy(r -> {
            if (LaunchTesting.NOBODY_TO_WORK.contains((String) r.get("entity"))) {
                assertThat(r).containsEntry("outcome", "SKIPPED").containsEntry("processInstanceId", null);
                assertThat((String) r.get("reasonZh")).contains("起草人员", "保密审查人员", "没有人员");
                assertThat((String) r.get("reasonEn")).contains("Nobody holds these roles");
            } else {
                assertThat(r).containsEntry("outcome", "STARTED");
                assertThat(r.get("processInstanceId")).isNotNull();
            }
        });
        List<String> order = results.stream().map(r -> (String) r.get("entity")).toList();
        assertThat(order).containsExactlyInAnyOrderElementsOf(
                registry.active().stream().map(ReportingEntity::code).toList());
        assertThat(order.indexOf("harbin")).isLessThan(order.indexOf("bayan"));
        assertThat(order.indexOf("bayan")).isLessThan(order.indexOf("bayan-gaj"));
        assertThat(results.get(order.indexOf("bayan"))).containsEntry("entityName", "巴彦县人民政府");
        String bayanCase = (String) results.get(order.indexOf("bayan")).get("processInstanceId");
        ProcessInstance bayan = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(bayanCase)
                .singleResult();
        assertThat(bayan.getBusinessKey()).isEqualTo("bayan:2025");
    }

    @Test
    void aSecondLaunchSkipsEveryEntityAndAnExistingCaseIsSkipped() {
        // Given 巴彦县公安局 started its 2025 case itself, before any launch
        ProcessInstance own = cases.start("bayan-gaj", 2025);

        // When the administrator launches 2025 and the jobs run
        String first = (String) post(ADMIN, ADMIN_PASSWORD, Map.of("year", 2025)).getBody().get("id");
        testing.runDueJobs(null);

        // Then that entity is SKIPPED with its own case, every other one STARTED
        Map<String, Object> firstLaunch = get(ADMIN, ADMIN_PASSWORD, "/api/launches/" + first).getBody();
        int active = registry.active().size();
        int nobody = LaunchTesting.NOBODY_TO_WORK.size();
        assertThat(firstLaunch).containsEntry("started", active - 1 - nobody).containsEntry("skipped", 1 + nobody);
        assertThat(result(firstLaunch, "bayan-gaj")).containsEntry("outcome", "SKIPPED")
                .containsEntry("processInstanceId", own.getId());
        assertThat((String) result(firstLaunch, "bayan-gaj").get("reasonZh")).contains("已存在");

        // When the administrator launches 2025 again, a minute later (the engine clock stands still in this test)
        LaunchTesting.clockPlusMinutes(1);
        String second = (String) post(ADMIN, ADMIN_PASSWORD, Map.of("year", 2025)).getBody().get("id");
        testing.runDueJobs(null);

        // Then every entity is SKIPPED, pointing at the case of the first run, and no case was added
        Map<String, Object> secondLaunch = get(ADMIN, ADMIN_PASSWORD, "/api/launches/" + second).getBody();
        assertThat(secondLaunch).containsEntry("state", "FINISHED").containsEntry("skipped", active)
                .containsEntry("started", 0).containsEntry("failed", 0);
        assertThat(results(secondLaunch)).allSatisfy(r -> {
            boolean staffed = !LaunchTesting.NOBODY_TO_WORK.contains((String) r.get("entity"));
            assertThat((String) r.get("reasonEn")).contains(staffed ? "exists already" : "Nobody holds these roles");
            assertThat(r.get("processInstanceId")).isEqualTo(
                    "bayan-gaj".equals(r.get("entity")) ? own.getId() : result(firstLaunch, (String) r.get("entity"))
                            .get("processInstanceId"));
        });
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("annual-report")
                .count()).isEqualTo(active - nobody);

        // And the year's launches are listed newest first
        ResponseEntity<List<Map<String, Object>>> listed = rest.exchange("/api/launches?year=2025", HttpMethod.GET,
                new HttpEntity<>(auth(ADMIN, ADMIN_PASSWORD)), JSON_LIST);
        assertThat(listed.getBody()).extracting(m -> m.get("id")).containsExactly(second, first);
        assertThat(rest.exchange("/api/launches?year=2024", HttpMethod.GET,
                new HttpEntity<>(auth(ADMIN, ADMIN_PASSWORD)), JSON_LIST).getBody()).isEmpty();
    }

    @Test
    void onlyAdministratorsMayLaunchOrSeeLaunches() {
        // When a process owner tries to launch, or to read the launches
        ResponseEntity<Map<String, Object>> refused = post("bayan_owner", "demo", Map.of("year", 2025));
        ResponseEntity<Map<String, Object>> refusedRead = get("bayan_owner", "demo", "/api/launches/anything");
        ResponseEntity<Map<String, Object>> anonymous = rest.exchange("/api/launches", HttpMethod.POST,
                new HttpEntity<>(Map.of("year", 2025)), JSON);

        // Then 403 in both languages, 401 without credentials, and nothing was launched
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody().get("messageZh").toString()).contains("系统管理员");
        assertThat(refused.getBody().get("messageEn").toString()).contains("administrators");
        assertThat(refusedRead.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AnnualLaunchProcess.PROCESS_KEY).count()).isZero();
        assertThat(testing.jdbc().queryForObject("SELECT COUNT(*) FROM case_launch", Integer.class)).isZero();
    }

    @Test
    void badYearsAndBodiesAreRefusedInBothLanguages() {
        // When the year is before 2019, after this year (the clock says 2026), missing, not a number, or the body
        // is no JSON object at all
        List<ResponseEntity<Map<String, Object>>> refusals = List.of(
                post(ADMIN, ADMIN_PASSWORD, Map.of("year", 2018)),
                post(ADMIN, ADMIN_PASSWORD, Map.of("year", 2027)),
                post(ADMIN, ADMIN_PASSWORD, Map.of()),
                post(ADMIN, ADMIN_PASSWORD, Map.of("year", "二〇二五")),
                post(ADMIN, ADMIN_PASSWORD, Map.of("year", 2025.5)),
                post(ADMIN, ADMIN_PASSWORD, List.of(2025)),
                postText("{\"year\": 20"));

        // Then each is 400 with a message in Chinese and English, and nothing was launched
        assertThat(refusals).allSatisfy(r -> {
            assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody().get("messageZh")).isNotNull();
            assertThat(r.getBody().get("messageEn")).isNotNull();
        });
        assertThat(refusals.get(0).getBody().get("messageZh").toString()).contains("2019", "2026");
        assertThat(refusals.get(1).getBody().get("messageEn").toString()).contains("between 2019 and 2026: 2027");
        assertThat(refusals.get(2).getBody().get("messageZh").toString()).contains("缺少报告年度");
        assertThat(testing.jdbc().queryForObject("SELECT COUNT(*) FROM case_launch", Integer.class)).isZero();

        // And an unknown launch is 404
        ResponseEntity<Map<String, Object>> unknown = get(ADMIN, ADMIN_PASSWORD, "/api/launches/no-such-launch");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("message").toString()).contains("未找到发起记录", "No launch");
    }

    private ResponseEntity<Map<String, Object>> post(String user, String password, Object body) {
        return rest.exchange("/api/launches", HttpMethod.POST, new HttpEntity<>(body, auth(user, password)), JSON);
    }

    private ResponseEntity<Map<String, Object>> postText(String json) {
        HttpHeaders headers = auth(ADMIN, ADMIN_PASSWORD);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange("/api/launches", HttpMethod.POST, new HttpEntity<>(json, headers), JSON);
    }

    private ResponseEntity<Map<String, Object>> get(String user, String password, String url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user, password)), JSON);
    }

    private static HttpHeaders auth(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> launch) {
        return (List<Map<String, Object>>) launch.get("results");
    }

    private static Map<String, Object> result(Map<String, Object> launch, String entity) {
        return results(launch).stream().filter(r -> entity.equals(r.get("entity"))).findFirst().orElseThrow();
    }
}
