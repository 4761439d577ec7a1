package cn.fazhi.annualreport.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.util.HashMap;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database from before the desk: the read model lacks a running and a finished case; at start-up the backfill adds
 * them from the engine's history, and the overview shows what it showed when the listeners wrote them.
 */
@AnnualReportTest
class CaseProgressBackfillTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseProgressBackfill backfill;

    DeskScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = DeskScenario.start(engine);
        TestCases.setClock(LocalDateTime.of(2026, 2, 3, 10, 0));
    }

    @AfterEach
    void tearDown() {
        scenario.cases.cleanUp();
    }

    @Test
    void casesTheReadModelDoesNotKnowAreAddedFromHistory() {
        // Given the overview as the listeners wrote it
        Map<String, Map<String, Object>> before = rows();
        // And a read model that lost 教育局's running case and 司法局's finished one
        for (String pid : List.of(scenario.education.getId(), scenario.justice.getId())) {
            jdbc.update("DELETE FROM case_open_task WHERE process_instance_id = ?", pid);
            jdbc.update("DELETE FROM case_progress WHERE process_instance_id = ?", pid);
        }
        assertThat(rows().get("bayan-jyj")).containsEntry("state", "NOT_STARTED");

        // When the application starts again
        backfill.backfill();

        // Then both cases are back with their state, phase, next deadline and filings
        Map<String, Map<String, Object>> after = rows();
        for (String entity : List.of("bayan-jyj", "bayan-sfj")) {
            assertThat(after.get(entity)).as(entity).containsEntry("state", before.get(entity).get("state"))
                    .containsEntry("phase", before.get(entity).get("phase"))
                    .containsEntry("next", before.get(entity).get("next"))
                    .containsEntry("filings", before.get(entity).get("filings"));
        }
        assertThat(after.get("bayan-jyj")).containsEntry("state", "OVERDUE");
        assertThat(after.get("bayan-sfj")).containsEntry("state", "DONE");
        // And a second start adds nothing twice
        backfill.backfill();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_open_task WHERE process_instance_id = ?",
                Integer.class, scenario.education.getId())).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> rows() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("harbin_owner", "demo");
        Map<String, Object> body = rest.exchange("/api/reports?year=2025", HttpMethod.GET, new HttpEntity<>(headers),
                JSON).getBody();
        Map<String, Map<String, Object>> rows = new HashMap<>();
        ((List<Map<String, Object>>) body.get("rows")).forEach(r -> rows.put((String) r.get("entity"), r));
        return rows;
    }
}
