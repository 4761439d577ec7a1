package cn.fazhi.annualreport.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Browser;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dev mail sink's page in Chromium (zh-CN): a notice as its recipient's mail program shows it. */
@AnnualReportTest
class MailSinkBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail sink;
    @Autowired
    NoticeDispatcher dispatcher;

    TestCases cases;
    Browser browser;

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        dispatcher.dispatchDue(); // nothing left over from other tests
        sink.purgeEmailFromAllMailboxes();
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        cases.cleanUp();
    }

    @Test
    void aDeveloperSeesANoticeAsItsRecipientDoes() {
        // Given 巴彦县's case started, its 报送部门材料 notices mailed to the departments' clerks
        cases.start("bayan", 2025);
        dispatcher.dispatchDue();

        // When a developer, logged in, opens the mail sink's page and the mail 公安局's clerk got
        browser.login("bayan_owner", "demo");
        browser.open("/api/dev/mails");
        browser.click(By.xpath("//tr[td[contains(., 'bayan.gaj.staff@example.org')]]//a"));

        // Then the page shows it as the clerk's mail program does: headers in words, the HTML body, the calendar file
        assertThat(browser.waitForText(By.id("subject"), "报送部门材料：公安局").getText()).startsWith("【待认领】");
        assertThat(browser.text(By.id("from"))).isEqualTo("法治政府建设年度报告系统 <noreply@example.org>");
        assertThat(browser.text(By.id("to"))).contains("bayan.gaj.staff@example.org").doesNotContain("=?");
        assertThat(browser.frameText(By.id("html"))).contains("巴彦县人民政府", "报送部门材料：公安局", "在任务列表中打开");
        assertThat(browser.text(By.id("attachments"))).contains("deadline.ics");
    }
}
