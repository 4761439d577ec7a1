package cn.fazhi.annualreport.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.Duration;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overview's judged rows as a busy desk reads them: served while young, judged again in the background once
 * older than the configured age (the test profile judges on every request, so this test builds its own).
 */
@AnnualReportTest
class YearSnapshotsTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    EntityRegistry registry;
    @Autowired
    YearData data;
    @Autowired
    CaseStatus status;

    TestCases cases;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 9, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void youngRowsAreServedAndOldOnesJudgedAgain() {
        // Given the 2025 rows judged before 巴彦县公安局 started its case
        YearSnapshots young = new YearSnapshots(registry, data, status, Duration.ofHours(1));
        YearSnapshots.Snapshot before = young.recent(2025);
        assertThat(state(before, "bayan-gaj")).isEqualTo(CaseState.NOT_STARTED);

        // When the case starts
        cases.start("bayan-gaj", 2025);

        // Then rows younger than the age are served as they were, saying when they were judged
        assertThat(young.recent(2025)).isSameAs(before);
        assertThat(before.asOf()).isNotNull();
        // and rows judged now show the case
        assertThat(state(young.fresh(2025), "bayan-gaj")).isNotEqualTo(CaseState.NOT_STARTED);

        // And once rows are older than the age (1 ms), they are judged again: in the background while the old ones
        // are served, or before the answer when they are much older
        YearSnapshots old = new YearSnapshots(registry, data, status, Duration.ofMillis(1));
        old.recent(2025);
        cases.start("bayan-jyj", 2025);
        await("the rows judged again").atMost(Duration.ofSeconds(30))
                .until(() -> state(old.recent(2025), "bayan-jyj") != CaseState.NOT_STARTED);
        young.destroy();
        old.destroy();
    }

    private static CaseState state(YearSnapshots.Snapshot snapshot, String entity) {
        return snapshot.entries().stream().filter(e -> e.entity().code().equals(entity)).findFirst().orElseThrow()
                .status().state();
    }
}
