package cn.fazhi.annualreport.webapp;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Browser;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist, Cockpit, Admin and Welcome in Chromium (zh-CN) as 巴彦县's clerks and the administrator see them: the
 * Chinese date pickers and what they submit, the start form's entity by name and year preset, the confirmations after
 * a start and a completion, due days and overdue tasks in the list and the task's header, no end-of-life banner, the
 * system's name, and an English browser's English picker. Screenshots of each screen in target/browser-screenshots/.
 */
@AnnualReportTest
class TasklistChineseBrowserTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw"; // application-test.yaml
    private static final String RED = "rgba(201, 48, 44, 1)";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;

    TestCases cases;
    Browser browser;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        cases.cleanUp();
    }

    @Test
    void theOwnerStartsTheReportOfHisEntityByItsNameWithChineseDatePickersAndIsLedToTheCase() {
        int lastYear = LocalDate.now(BEIJING).getYear() - 1;
        // Given 巴彦县's owner logged in to Tasklist
        browser.login("bayan_owner", "demo");
        // Then the header and the page title name the system, and no end-of-life banner shows
        assertThat(browser.text(By.cssSelector(".navbar-brand"))).contains("法治政府建设年度报告系统");
        assertThat(browser.script("return document.title")).asString().startsWith("法治政府建设年度报告系统");
        assertNoBanner();

        // When he opens the start form of 法治政府建设年度报告
        browser.click(By.partialLinkText("启动流程"));
        browser.click(By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='法治政府建设年度报告']"));
        WebElement entity = browser.waitFor(By.cssSelector("input[id$='Field_entityCode']"));

        // Then the year is last year, and the only entity he may start is preset by its name
        assertThat(browser.waitFor(By.cssSelector("input[id$='Field_reportingYear']")).getAttribute("value"))
                .isEqualTo(String.valueOf(lastYear));
        assertThat(entity.getAttribute("value")).isEqualTo("巴彦县人民政府");
        // And typing a name finds it: 巴彦县 lists 巴彦县人民政府
        entity.click();
        entity.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        assertThat(entity.getAttribute("placeholder")).isEqualTo("输入名称查找");
        entity.sendKeys("巴彦县");
        browser.waitForText(By.cssSelector(".fjs-dropdownlist"), "巴彦县人民政府");
        assertThat(browser.all(By.cssSelector(".fjs-dropdownlist-item")).stream().map(WebElement::getText))
                .containsExactly("巴彦县人民政府");
        browser.screenshot("start-form-entity-by-name");
        browser.click(By.cssSelector(".fjs-dropdownlist-item"));
        assertThat(entity.getAttribute("value")).isEqualTo("巴彦县人民政府");

        // When he opens the filing date's picker
        WebElement filing = browser.waitFor(By.cssSelector("input[id*='Field_filingDeadlineOverride']"));
        assertThat(filing.getAttribute("placeholder")).isEqualTo("yyyy-MM-dd");
        filing.click();
        WebElement calendar = browser.waitFor(By.cssSelector(".flatpickr-calendar.open"));
        // Then it is Chinese: weeks start on Monday (一), months are 1月…12月, the year reads 年
        assertThat(calendar.findElements(By.cssSelector(".flatpickr-weekday")).stream().map(w -> w.getText().trim()))
                .containsExactly("一", "二", "三", "四", "五", "六", "日");
        assertThat(calendar.findElement(By.cssSelector(".flatpickr-monthDropdown-month[selected], "
                + ".flatpickr-monthDropdown-months")).getText()).contains("月");
        assertThat(calendar.getText()).doesNotContainPattern("(?i)jan|feb|mar|dec|sun|mon");
        browser.screenshot("start-form-date-picker");

        // When he types the filing date and picks the publication date in the calendar
        String typed = (lastYear + 1) + "-03-20";
        filing.sendKeys(typed);
        browser.waitFor(By.cssSelector("input[id$='Field_noticeReference']")).click();
        LocalDate picked = LocalDate.of(lastYear + 1, 3, 27);
        browser.click(By.cssSelector("input[id*='Field_publicationDeadlineOverride']"));
        pickInCalendar(picked);
        // Then both show yyyy-MM-dd
        assertThat(filing.getAttribute("value")).isEqualTo(typed);
        assertThat(browser.waitFor(By.cssSelector("input[id*='Field_publicationDeadlineOverride']")).getAttribute("value"))
                .isEqualTo(picked.toString());

        // When he starts the case
        browser.click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='开始']"));

        // Then a Chinese confirmation names the entity and year and links to the case page
        String confirmation = browser.waitForText(By.cssSelector(".notifications"), "已启动").getText();
        assertThat(confirmation).contains("巴彦县人民政府" + lastYear + "年度法治政府建设年度报告已启动。", "查看案件进度");
        browser.screenshot("start-confirmation");
        // And the case got exactly the dates he typed and picked
        ProcessInstance started = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("bayan:" + lastYear).singleResult();
        assertThat(engine.getRuntimeService().getVariable(started.getId(), "filingDeadlineOverride")).isEqualTo(typed);
        assertThat(engine.getRuntimeService().getVariable(started.getId(), "publicationDeadlineOverride"))
                .isEqualTo(picked.toString());

        // When he follows the link
        browser.click(By.cssSelector(".notifications a.cam-case-link"));
        // Then the case page of 巴彦县 opens
        browser.waitForText(By.id("title"), "巴彦县人民政府 · " + lastYear + "年度法治政府建设年度报告");
        assertThat(browser.currentPath()).isEqualTo("/desk/case.html?entity=bayan&year=" + lastYear);
        browser.screenshot("start-case-page");
    }

    @Test
    void aClerkSeesDueDaysMarksOverdueTasksPicksAChineseIssueDateAndIsToldTheTaskIsDone() {
        // Given 巴彦县's and its 公安局's 2025 cases started on 3 February 2026: 公安局's report waits to be issued (its
        // issuance due long ago), and 公安局's material for the county is due in ten days
        TestCases.setClock(LocalDateTime.of(2026, 2, 3, 10, 0));
        ProcessInstance county = cases.start("bayan", 2025);
        ProcessInstance police = cases.start("bayan-gaj", 2025);
        ClockUtil.reset();
        cases.complete(police, TASK_DRAFT, TestCases.draft(false));
        cases.complete(police, TASK_INTERNAL_REVIEW, TestCases.internalReview("APPROVE"));
        cases.complete(police, TASK_LEADERSHIP_MEETING, TestCases.meeting("APPROVE"));
        Task issue = cases.task(police, TASK_SIGN_AND_ISSUE);
        Task material = cases.tasks(county, TASK_SUBMIT_MATERIAL).stream()
                .filter(t -> t.getName().contains("公安局")).findFirst().orElseThrow();
        LocalDate materialDue = LocalDate.now(BEIJING).plusDays(10);
        engine.getTaskService().setDueDate(material.getId(), Date.from(materialDue.atTime(17, 30).atZone(BEIJING).toInstant()));
        String issueDue = issue.getDueDate().toInstant().atZone(BEIJING).toLocalDate().toString();

        // When 公安局's clerk opens Tasklist
        browser.login("bayan_gaj_staff", "demo");
        assertNoBanner();

        // Then the list shows each task's due day; the overdue issuance in red with 已逾期
        WebElement overdueRow = row(issue.getName());
        WebElement overdueDay = overdueRow.findElement(By.cssSelector(".cam-due-day"));
        assertThat(overdueDay.getText()).isEqualTo("已逾期 · 截止 " + issueDue);
        assertThat(overdueDay.getCssValue("color")).isEqualTo(RED);
        assertThat(overdueRow.getCssValue("border-left-color")).isEqualTo(RED);
        assertThat(row(material.getName()).findElement(By.cssSelector(".cam-due-day")).getText())
                .isEqualTo("截止 " + materialDue);
        browser.screenshot("task-list-due-days");

        // When the clerk opens the issuance and claims it
        overdueRow.findElement(By.cssSelector("h4.task a")).click();
        // Then its header says it is overdue, with the day
        assertThat(browser.waitForText(By.cssSelector(".task-details, [cam-tasklist-task]"), "已逾期").getText())
                .contains("已逾期 · 截止 " + issueDue);
        browser.click(By.cssSelector("button.claim"));

        // When the clerk opens the issue date (an embedded form's date field)
        browser.waitFor(By.id("issuedBy-field")).sendKeys("陈国栋");
        WebElement issueDate = browser.waitFor(By.id("issueDate-field"));
        assertThat(issueDate.getAttribute("placeholder")).isEqualTo("yyyy-MM-dd");
        issueDate.click();
        WebElement calendar = browser.waitFor(By.cssSelector(".flatpickr-calendar.open"));
        // Then the calendar is Chinese, weeks from Monday
        assertThat(calendar.findElements(By.cssSelector(".flatpickr-weekday")).get(0).getText().trim()).isEqualTo("一");
        browser.screenshot("issue-date-picker");
        // When the clerk picks today
        calendar.findElement(By.cssSelector(".flatpickr-day.today")).click();
        // Then the field shows today as yyyy-MM-dd
        String today = LocalDate.now().format(DateTimeFormatter.ISO_LOCAL_DATE);
        assertThat(issueDate.getAttribute("value")).isEqualTo(today);

        // When the clerk completes the task
        WebElement complete = browser.waitFor(By.cssSelector("button[ng-click='complete()']"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", complete);
        complete.click();

        // Then a Chinese confirmation names the task, and the case got the picked day
        assertThat(browser.waitForText(By.cssSelector(".notifications"), "已办结").getText())
                .contains("“" + issue.getName() + "”已办结。");
        browser.screenshot("task-completed");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(police.getId())
                .variableName("issueDate").singleResult().getValue()).isEqualTo(today);
    }

    @Test
    void welcomeCockpitAndAdminNameTheSystemShowNoBannerAndWelcomeLinksTheDesk() {
        // Given the administrator logged in
        browser.login("admin", ADMIN_PASSWORD);
        for (String app : List.of("welcome", "cockpit", "admin", "tasklist")) {
            // When it opens each app
            browser.open("/camunda/app/" + app + "/default/");
            browser.waitForText(By.cssSelector(".navbar-brand"), "法治政府建设年度报告系统");
            // Then the title names the system and no end-of-life banner shows
            assertThat(browser.script("return document.title")).asString().startsWith("法治政府建设年度报告系统");
            assertNoBanner();
            browser.screenshot("app-" + app);
            if (app.equals("welcome")) {
                // And Welcome links the desk and the public column instead of Camunda's English documentation
                browser.waitForText(By.cssSelector(".custom-links"), "督办台");
                assertThat(browser.waitFor(By.linkText("督办台")).getAttribute("href")).endsWith("/desk/index.html");
                assertThat(browser.all(By.cssSelector("a[href*='docs.camunda.org']"))).isEmpty();
            }
        }
    }

    @Test
    void anEnglishBrowserKeepsTheEnglishPicker() {
        // Given 巴彦县's owner in a browser whose language is English
        browser.close();
        browser = new Browser(port, "en-US");
        browser.login("bayan_owner", "demo");

        // When he opens the start form's filing date
        browser.click(By.partialLinkText("Start process"));
        browser.click(By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='法治政府建设年度报告']"));
        WebElement filing = browser.waitFor(By.cssSelector("input[id*='Field_filingDeadlineOverride']"));
        filing.click();
        WebElement calendar = browser.waitFor(By.cssSelector(".flatpickr-calendar.open"));

        // Then it stays as form-js draws it for English: weeks from Sunday, the browser's date format
        assertThat(calendar.findElements(By.cssSelector(".flatpickr-weekday")).get(0).getText().trim()).isEqualTo("Sun");
        assertThat(filing.getAttribute("placeholder")).isEqualTo("mm/dd/yyyy");
        browser.screenshot("start-form-date-picker-english");
    }

    /** The task list's row of a task. */
    private WebElement row(String taskName) {
        By by = By.xpath("//ol[contains(@class,'tasks-list')]/li[.//h4[contains(@class,'task')]//a[normalize-space()='"
                + taskName + "']]");
        browser.waitFor(By.cssSelector(".tasks-list li.task .cam-due-day"));
        return browser.waitFor(by);
    }

    /** Goes month by month in the open calendar to the day and clicks it. */
    private void pickInCalendar(LocalDate day) {
        WebElement calendar = browser.waitFor(By.cssSelector(".flatpickr-calendar.open"));
        String label = day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
        boolean back = YearMonth.from(day).isBefore(YearMonth.now());
        for (int i = 0; i < 36 && calendar.findElements(By.cssSelector(".flatpickr-day[aria-label='" + label + "']")).isEmpty(); i++) {
            calendar.findElement(By.cssSelector(back ? ".flatpickr-prev-month" : ".flatpickr-next-month")).click();
        }
        calendar.findElement(By.cssSelector(".flatpickr-day[aria-label='" + label + "']:not(.prevMonthDay):not(.nextMonthDay)")).click();
    }

    private void assertNoBanner() {
        assertThat(browser.all(By.cssSelector(".ce-eol-banner")).stream().filter(WebElement::isDisplayed)).isEmpty();
    }
}
