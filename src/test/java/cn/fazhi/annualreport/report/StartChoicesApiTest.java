package cn.fazhi.annualreport.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
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

/** GET /api/reports/startable: what the start form offers each caller, decided on the server. */
@AnnualReportTest
class StartChoicesApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;

    TestCases cases;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void eachOwnerIsOfferedItsOwnEntitiesByNameAndLastYearInBeijingTime() {
        // Given 1 January 2026, 00:30 in Beijing (still 2025 in UTC), and 巴彦县's 2025 case started
        TestCases.setClock(LocalDateTime.of(2026, 1, 1, 0, 30));
        cases.start("bayan", 2025);

        // When 巴彦县's owner asks what it may start
        Map<String, Object> owner = get("bayan_owner", "demo").getBody();

        // Then the year is 2025, and its county by name, marked as started for that year
        assertThat(owner).containsEntry("year", 2025);
        assertThat(owner.get("entities")).isEqualTo(List.of(
                Map.of("code", "bayan", "name", "巴彦县人民政府", "started", true)));

        // And 公安局's head is offered its bureau only; a contributor nothing
        assertThat(get("bayan_gaj_head", "demo").getBody().get("entities")).isEqualTo(List.of(
                Map.of("code", "bayan-gaj", "name", "巴彦县公安局", "started", false)));
        assertThat(get("bayan_jyj_staff", "demo").getBody().get("entities")).isEqualTo(List.of());
    }

    @Test
    void withoutLoginNothingIsOffered() {
        ResponseEntity<Map<String, Object>> anonymous = rest.exchange("/api/reports/startable", HttpMethod.GET,
                HttpEntity.EMPTY, JSON);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<Map<String, Object>> get(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        ResponseEntity<Map<String, Object>> answer = rest.exchange("/api/reports/startable", HttpMethod.GET,
                new HttpEntity<>(headers), JSON);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer;
    }
}
