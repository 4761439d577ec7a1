package cn.fazhi.annualreport.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Browser;
import cn.fazhi.annualreport.testing.TestCases;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Chinese clerk in Chromium (zh-CN): a refused completion in Tasklist and an address that does not exist, as the
 * screen shows them — in Chinese only.
 */
@AnnualReportTest
class ReaderLanguageBrowserTest {

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
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        cases.cleanUp();
    }

    @Test
    void aChineseClerkReadsARefusalAndAnErrorPageInChineseOnly() throws Exception {
        // Given 巴彦县's case, whose 公安局 material task 公安局's clerk has claimed
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = cases.tasks(pi, "UserTask_SubmitDepartmentMaterial").stream()
                .filter(t -> t.getName().contains("公安局")).findFirst().orElseThrow().getId();
        engine.getTaskService().claim(task, "bayan_gaj_staff");
        Path notPdf = Files.writeString(files.resolve("material.pdf"), "这不是 PDF，只是文字。", StandardCharsets.UTF_8);

        // When the clerk fills in the form in Tasklist, attaches a text file named .pdf and clicks 完成
        browser.login("bayan_gaj_staff", "demo");
        browser.open("/camunda/app/tasklist/default/#/?task=" + task);
        browser.waitFor(By.id("materialSummary-field")).sendKeys("本部门2025年度法治政府建设工作情况。");
        browser.waitFor(By.id("materialContact-field")).sendKeys("陶科员 0451-12345678");
        browser.waitFor(By.id("materialAttachment-file")).sendKeys(notPdf.toString());
        // (by keyboard: at this window size Tasklist's footer lies over the button)
        browser.waitFor(By.xpath("//button[normalize-space()='完成']")).sendKeys(Keys.ENTER);

        // Then Tasklist's error notification says why, in Chinese only
        String refusal = browser.waitForText(By.cssSelector(".notifications .alert .message"), "内容与扩展名不符")
                .getText();
        assertThat(refusal).isEqualTo("文件「material.pdf」的内容与扩展名不符（内容为纯文本）");
        assertThat(refusal.replace("material.pdf", "")).doesNotContainPattern("[A-Za-z]").doesNotContain(" / ");
        // and the task is still open
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).isOne();

        // When the clerk mistypes an address of Tasklist, and of the application
        browser.open("/camunda/app/tasklist/defualt/");
        String tasklistTypo = browser.waitFor(By.tagName("main")).getText();
        browser.open("/api/no-such-page");
        String apiTypo = browser.waitFor(By.tagName("main")).getText();

        // Then each is a plain page in Chinese, with a way back to Tasklist
        assertThat(tasklistTypo).contains("没有这个地址", "您要打开的页面不存在，请检查地址是否正确。", "返回任务列表")
                .doesNotContainPattern("[A-Za-z]{3,}");
        assertThat(apiTypo).contains("没有这个地址").doesNotContain("Whitelabel", "Not Found", "No such address");
        browser.click(By.id("error-back"));
        browser.waitFor(By.cssSelector("nav.cam-nav.app-menu li.account"));
        assertThat(browser.currentPath()).startsWith("/camunda/app/tasklist/");
    }
}
