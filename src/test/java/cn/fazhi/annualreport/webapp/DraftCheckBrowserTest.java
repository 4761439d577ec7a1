package cn.fazhi.annualreport.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Browser;
import cn.fazhi.annualreport.testing.Tasklist;
import cn.fazhi.annualreport.testing.TestCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The draft form's completeness check as 巴彦县公安局's drafter sees it in Chromium (zh-CN): an item the check is not sure
 * of is shown as 待确认 with a box to confirm, not as missing; 完成 waits for the confirmation; confirmed, the draft goes
 * on and the reviewers read that the drafter confirmed it.
 */
@AnnualReportTest
class DraftCheckBrowserTest {

    /** A whole short report whose only mention of the principal leaders' duty names no leader as its subject. */
    private static final String UNSURE_OF_ITEM_3 = """
            巴彦县公安局2025年度法治政府建设情况报告

            一、主要举措和成效
            （一）依法全面履行职能。进一步压实第一责任人责任，全年开展督察4次。
            二、存在的不足和原因
            一是执法队伍建设还需加强。
            三、2026年工作安排
            下一步，我们将进一步规范行政执法行为。
            """;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @TempDir
    Path files;

    TestCases cases;
    Browser browser;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
        cases.cleanUp();
    }

    @Test
    void anItemTheCheckIsUnsureOfIsConfirmedByTheDrafterNotJustifiedAsMissing() throws Exception {
        // Given 巴彦县公安局's 2025 case at drafting, and its drafter in Tasklist
        LocalDateTime now = LocalDateTime.of(2026, 1, 20, 10, 0);
        TestCases.setClock(now);
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        browser = new Browser(port).clockAt(now.atZone(TestCases.ZONE).toInstant());
        browser.login("bayan_gaj_staff", "demo");
        Tasklist drafter = new Tasklist(browser);
        browser.open("/camunda/app/tasklist/default/#/?task=" + cases.task(pi, "UserTask_DraftReport").getId());
        drafter.waitForForm();
        drafter.claim();

        // When the drafter uploads a report whose item 3 the check cannot be sure of
        Path upload = files.resolve("巴彦县公安局2025年度法治政府建设情况报告.txt");
        Files.writeString(upload, UNSURE_OF_ITEM_3);
        drafter.upload("draftReport-file", upload);
        browser.waitForText(By.cssSelector("body"), "系统无法确定报告稿是否包含以下内容");
        drafter.typeInto("draftNote-field", "初稿。");
        String screen = drafter.check("draft-check-uncertain");

        // Then it is shown as to be confirmed, with the evidence line, and nothing is called missing
        assertThat(screen).contains("待确认", "系统无法确定报告稿是否包含以下内容", "第3项",
                "已核对，上述内容报告稿中已有（或确属全文），内容齐全", "这不是缺项")
                .doesNotContain("请注意");
        assertThat(browser.all(By.cssSelector("tr.warning"))).isNotEmpty();

        // And 完成 stays disabled until the drafter confirms or explains (the server refuses it too: DraftConfirmationTest)
        assertThat(browser.waitFor(By.xpath("//section[contains(@class,'task-card')]//button[normalize-space(.)='完成']"))
                .isEnabled()).isFalse();
        assertThat(cases.tasks(pi, "UserTask_DraftReport")).hasSize(1);

        // When the drafter ticks the confirmation and completes
        browser.click(By.id("completenessConfirmed-field"));
        drafter.complete("起草年度报告");

        // Then the draft goes on to the review, whose summary says the drafter confirmed item 3
        assertThat(cases.task(pi, "UserTask_InternalReview")).isNotNull();
        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), "draftCompleteness"))
                .contains("起草人已核对确认", "待确认");
    }
}
