package cn.fazhi.annualreport.supervision;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * 哈尔滨市's cases below it for 2025, as the desk's tests find them: every case starts on Monday 5 January 2026;
 * on 20 January 司法局 has finished (filed 26 February, published that day), 营商环境局 has handed in its draft,
 * 公安局 waits to file, 教育局 has drafted nothing and 巴彦县 waits for its departments' material; 哈尔滨市 has no
 * case. A department's plan: first draft 28 Jan, internal review 4 Feb, filing 28 Feb (the last working day before
 * 1 March), publication 31 Mar; 巴彦县's: materials 13 Feb, filing and publication 31 Mar.
 */
final class DeskScenario {

    final TestCases cases;
    final ProcessInstance county;
    final ProcessInstance justice;
    final ProcessInstance police;
    final ProcessInstance education;
    final ProcessInstance business;

    private DeskScenario(ProcessEngine engine) {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 9, 0));
        county = cases.start("bayan", 2025);
        justice = cases.start("bayan-sfj", 2025);
        police = cases.start("bayan-gaj", 2025);
        education = cases.start("bayan-jyj", 2025);
        business = cases.start("bayan-yshj", 2025);
        TestCases.setClock(LocalDateTime.of(2026, 1, 20, 10, 0));
        toFiling(justice, "巴司呈〔2026〕1号");
        finish(engine, justice, "2026-02-26");
        cases.complete(business, TASK_DRAFT, TestCases.draft(false));
        toFiling(police, "巴公呈〔2026〕3号");
    }

    static DeskScenario start(ProcessEngine engine) {
        return new DeskScenario(engine);
    }

    /** Drafted, reviewed, passed by the leadership meeting and issued: the filing tasks are open. */
    private void toFiling(ProcessInstance pi, String number) {
        cases.complete(pi, TASK_DRAFT, TestCases.draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, TestCases.internalReview("APPROVE"));
        cases.complete(pi, TASK_LEADERSHIP_MEETING, TestCases.meeting("APPROVE"));
        cases.complete(pi, TASK_SIGN_AND_ISSUE, TestCases.issue(number));
    }

    /** Filed with every addressee on the day (receipt the same day), released, published and archived. */
    void finish(ProcessEngine engine, ProcessInstance pi, String filedOn) {
        Map<String, Object> filing = new HashMap<>(TestCases.filing("回执-" + filedOn));
        filing.put("filedOn", filedOn);
        filing.put("receiptDate", filedOn);
        cases.complete(pi, TASK_FILE, filing);
        cases.complete(pi, TASK_COPY, filing);
        cases.complete(pi, TASK_SECRECY_REVIEW, TestCases.secrecy());
        cases.executeDueJobs();
        cases.complete(pi, TASK_ARCHIVE, TestCases.archive());
        cases.executeDueJobs();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count())
                .as("case finished").isZero();
    }
}
