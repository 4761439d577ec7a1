package cn.fazhi.annualreport.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.WebappSession;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
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
import org.springframework.http.ResponseEntity;

/**
 * Supervising offices read the cases below them, over real HTTP: the owners (依法治X办) of every government above an
 * entity — parent, grand-parent — see its case in the API, the engine's REST history and Cockpit; a sibling
 * government's owners do not.
 */
@AnnualReportTest
class SupervisionTest {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;

    TestCases cases;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void theParentGovernmentsOwnersReadTheCaseAndASiblingsOwnersDoNot() {
        // Given 巴彦县 (under 哈尔滨市) started its 2025 case
        String pid = start("bayan_owner", "bayan");

        // When 哈尔滨市's 依法治市办, 平顶山市's and the administrator ask for it
        ResponseEntity<Map<String, Object>> supervisor = get("harbin_owner", "demo", "/api/reports/bayan/2025");
        ResponseEntity<Map<String, Object>> sibling = get("pingdingshan_owner", "demo", "/api/reports/bayan/2025");
        ResponseEntity<Map<String, Object>> admin = get("admin", ADMIN_PASSWORD, "/api/reports/bayan/2025");
        List<Map<String, Object>> supervisorHistory = history("harbin_owner", "bayan:2025");
        List<Map<String, Object>> siblingHistory = history("pingdingshan_owner", "bayan:2025");
        ResponseEntity<Map<String, Object>> siblingById = get("pingdingshan_owner", "demo",
                "/engine-rest/history/process-instance/" + pid);

        // Then the supervising office reads the case with its deadlines; the sibling gets 404 and an empty list
        assertThat(supervisor.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(supervisor.getBody()).containsEntry("processInstanceId", pid);
        assertThat((List<?>) supervisor.getBody().get("deadlines")).isNotEmpty();
        assertThat(supervisorHistory).extracting(m -> m.get("id")).containsExactly(pid);
        assertThat(sibling.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(sibling.getBody().get("message").toString()).contains("未找到", "No case");
        assertThat(siblingHistory).isEmpty();
        assertThat(siblingById.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void supervisionIsHierarchicalForADepartmentsCase() {
        // Given 巴彦县公安局 (a department of 巴彦县, under 哈尔滨市) started its 2025 case
        String pid = start("bayan_gaj_head", "bayan-gaj");

        // When the county's and the city's owners, and a sibling county's owners, read the history
        List<Map<String, Object>> county = history("bayan_owner", "bayan-gaj:2025");
        List<Map<String, Object>> city = history("harbin_owner", "bayan-gaj:2025");
        List<Map<String, Object>> otherCounty = history("xinhua_owner", "bayan-gaj:2025");
        List<Map<String, Object>> otherCity = history("pingdingshan_owner", "bayan-gaj:2025");

        // Then parent and grand-parent read it, the others see nothing
        assertThat(county).extracting(m -> m.get("id")).containsExactly(pid);
        assertThat(city).extracting(m -> m.get("id")).containsExactly(pid);
        assertThat(otherCounty).isEmpty();
        assertThat(otherCity).isEmpty();
        assertThat(get("harbin_owner", "demo", "/api/reports/bayan-gaj/2025").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theSupervisingOfficeReadsTheCaseThroughTheApiButIsNotSentToCockpitAndCannotChangeIt() {
        // Given 巴彦县's case, waiting for its departments' material
        String pid = start("bayan_owner", "bayan");
        String base = rest.getRootUri();

        // When 哈尔滨市's owners log into Cockpit, read the case through the engine's API and try to suspend it, and
        // 平顶山市's owners read it
        int harbinCockpit = WebappSession.loginStatus(base, "cockpit", "harbin_owner", "demo");
        WebappSession harbin = WebappSession.login(base, "tasklist", "harbin_owner", "demo");
        HttpResponse<String> harbinInstance = harbin.get("/camunda/api/engine/engine/default/process-instance/" + pid);
        HttpResponse<String> harbinStatistics = harbin.get(
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count");
        HttpResponse<String> harbinSuspend = harbin.putJson(
                "/camunda/api/engine/engine/default/process-instance/" + pid + "/suspended", "{\"suspended\":true}");
        ResponseEntity<Map<String, Object>> harbinCase = rest.exchange("/api/reports/bayan/2025", HttpMethod.GET,
                new HttpEntity<>(auth("harbin_owner", "demo")), OBJECT);
        ResponseEntity<Map<String, Object>> pingdingshanCase = rest.exchange("/api/reports/bayan/2025", HttpMethod.GET,
                new HttpEntity<>(auth("pingdingshan_owner", "demo")), OBJECT);

        // Then Cockpit, with its statistics over every entity, is closed to them; they read the case (the API and the
        // engine's own view of that one instance), cannot change it, and the sibling reads nothing
        assertThat(harbinCockpit).isEqualTo(403);
        assertThat(harbinStatistics.statusCode()).isEqualTo(403);
        assertThat(harbinInstance.statusCode()).isEqualTo(200);
        assertThat(harbinSuspend.statusCode()).isEqualTo(403);
        assertThat(harbinCase.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pingdingshanCase.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).active().count())
                .isEqualTo(1);
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private String start(String user, String entity) {
        ResponseEntity<Map<String, Object>> started = rest.exchange("/api/reports", HttpMethod.POST,
                new HttpEntity<>(Map.of("entity", entity, "year", 2025), auth(user, "demo")), OBJECT);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) started.getBody().get("processInstanceId");
    }

    /** The running cases with the business key in the engine REST history, as the user may see them. */
    private List<Map<String, Object>> history(String user, String businessKey) {
        ResponseEntity<List<Map<String, Object>>> response = rest.exchange(
                "/engine-rest/history/process-instance?unfinished=true&processInstanceBusinessKey=" + businessKey,
                HttpMethod.GET,
                new HttpEntity<>(auth(user, "demo")), LIST);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<Map<String, Object>> get(String user, String password, String url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user, password)), OBJECT);
    }

    private static HttpHeaders auth(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return headers;
    }
}
