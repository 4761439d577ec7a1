package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Browser;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14 in Chromium (zh-CN), as 巴彦县's office (张婷) sees Tasklist: her name in the header; the executive meeting's
 * form with the owner's earlier review rounds by name and the draft to read in the browser; the later-receipt form
 * without stray Markdown, naming who recorded the filing; the task's history tab by names.
 */
@AnnualReportTest
class ReviewFormBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;

    TestCases cases;
    Browser browser;
    ProcessInstance pi;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 2, 20, 10, 0));
        pi = cases.start("bayan", 2025);
        cases.complete(pi, TASK_SUBMIT_MATERIAL, TestCases.material());
        // the owner returns the first draft with a comment and approves the second
        completeAs("bayan_drafter", TASK_DRAFT, TestCases.draft(false));
        completeAs("bayan_owner", TASK_INTERNAL_REVIEW, Map.of("internalReviewDecision", "RETURN",
                "internalReviewComment", "请补充行政复议和行政应诉数据"));
        completeAs("bayan_drafter", TASK_DRAFT, TestCases.draft(false));
        completeAs("bayan_owner", TASK_INTERNAL_REVIEW, Map.of("internalReviewDecision", "APPROVE",
                "internalReviewComment", "同意提请政府常务会议审议"));
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        cases.cleanUp();
    }

    @Test
    void theMeetingRecorderSeesTheOwnersCommentsByNameAndReadsTheDraftInTheBrowser() {
        // Given 张婷 of 巴彦县's office logged in to Tasklist
        browser.login("bayan_office", "demo");

        // Then the header names her as one piece, not "婷 张"
        assertThat(browser.text(By.cssSelector("nav.cam-nav.app-menu li.account"))).contains("张婷").doesNotContain("婷 张");

        // When she opens the executive meeting's task
        Task meeting = cases.task(pi, TASK_EXECUTIVE_MEETING);
        browser.open("/camunda/app/tasklist/default/#/?task=" + meeting.getId());
        WebElement form = browser.waitForText(By.cssSelector(".fjs-container"), "此前的审核、审议意见");

        // Then the form lists both rounds of the owner's review: who by name, when, the decision and the comment
        assertThat(form.getText()).contains("第1版 审核报告稿：李法明，2026-02-20 10:00，退回修改", "请补充行政复议和行政应诉数据",
                "第2版 审核报告稿：李法明", "通过", "同意提请政府常务会议审议")
                .doesNotContain("bayan_owner", "**");
        // And it offers the draft to read in the browser beside the download
        WebElement read = form.findElement(By.partialLinkText("在线阅读第2版报告稿全文"));
        String href = read.getAttribute("href");
        assertThat(href).endsWith("/api/reports/bayan/2025/documents/2/view");
        assertThat(form.findElement(By.partialLinkText("下载第2版原文件")).getAttribute("href"))
                .endsWith("/documents/2/content");

        // When she follows the reading link
        browser.open(href.substring(href.indexOf("/api/")));

        // Then the browser shows the report's text itself, no download
        assertThat(browser.waitForText(By.tagName("body"), "一是执法队伍建设还需加强").getText())
                .contains("巴彦县人民政府2025年度法治政府建设情况报告");
    }

    @Test
    void theLaterReceiptFormReadsCleanlyAndNamesWhoRecordedTheFilingAndTheHistoryTabNamesPeople() {
        // Given the report passed, issued and filed by 张婷, the Party committee's receipt still to come
        TaskService tasks = engine.getTaskService();
        completeAs("bayan_office", TASK_EXECUTIVE_MEETING, TestCases.meeting("APPROVE"));
        completeAs("bayan_office", TASK_SIGN_AND_ISSUE, TestCases.issue("巴政呈〔2026〕12号"));
        for (Task t : cases.tasks(pi, TASK_FILE)) {
            tasks.claim(t.getId(), "bayan_office");
            tasks.complete(t.getId(), t.getName().endsWith("中共巴彦县委") ? TestCases.filingAwaitingReceipt()
                    : TestCases.filing("R-" + t.getId()));
        }
        completeAs("bayan_office", TASK_COPY, TestCases.filing("COPY-1"));
        completeAs("bayan_secrecy", TASK_SECRECY_REVIEW, TestCases.secrecy());
        cases.executeDueJobs();
        Task receipt = cases.task(pi, TASK_RECORD_RECEIPT);
        // and claimed by her in Tasklist's way (the engine logs who did it)
        engine.getIdentityService().setAuthentication("bayan_office", engine.getIdentityService().createGroupQuery()
                .groupMember("bayan_office").list().stream().map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            tasks.claim(receipt.getId(), "bayan_office");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        // When she opens the 补录回执 task
        browser.login("bayan_office", "demo");
        browser.open("/camunda/app/tasklist/default/#/?task=" + receipt.getId());
        WebElement form = browser.waitForText(By.cssSelector(".fjs-container"), "接收单位");

        // Then its text reads as prose: bold labels, no asterisks, and who recorded the filing by name
        assertThat(form.getText()).contains("接收单位：中共巴彦县委", "报送情况：2026-02-26 经机要交换", "（登记人：张婷）")
                .doesNotContain("**", "bayan_office");
        assertThat(form.findElement(By.xpath(".//strong[normalize-space()='接收单位']")).isDisplayed()).isTrue();

        // When she opens the task's history tab
        browser.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='历史记录']"));

        // Then who claimed it is named, not shown by user id
        WebElement who = browser.waitForText(By.cssSelector(".operation-user"), "张婷");
        assertThat(who.getText()).doesNotContain("bayan_office");
    }

    /** Claimed by the person and completed through the engine, as Tasklist would. */
    private void completeAs(String user, String key, Map<String, Object> values) {
        Task task = cases.task(pi, key);
        engine.getTaskService().claim(task.getId(), user);
        engine.getTaskService().complete(task.getId(), new HashMap<>(values));
    }
}
