package cn.fazhi.annualreport.supervision;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Browser;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The desk in Chromium (zh-CN), as 哈尔滨市's 依法治市办, 巴彦县's owner, a department head and a drafter open it from
 * Tasklist with their login: what each sees on the overview and the case page, the filters, 催办 and the exports.
 * The cases are {@link DeskScenario}'s, looked at on Tuesday 3 February 2026.
 */
@AnnualReportTest
class DeskBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;

    DeskScenario scenario;
    Browser browser;

    @BeforeEach
    void setUp() {
        scenario = DeskScenario.start(engine);
        cn.fazhi.annualreport.testing.TestCases.setClock(LocalDateTime.of(2026, 2, 3, 10, 0));
        browser = new Browser(port);
    }

    @AfterEach
    void tearDown() {
        browser.close();
        scenario.cases.cleanUp();
    }

    @Test
    void theSupervisingOfficeFindsTheLateFiltersUrgesAndExports() throws Exception {
        // Given 哈尔滨市's 依法治市办 logged in to Tasklist
        browser.login("harbin_owner", "demo");

        // When it follows the header's 督办台 link and picks 2025
        browser.click(By.id("desk-link"));
        browser.waitForText(By.id("summary"), "可查看 6 个单位");

        // Then the summary says when its rows were judged, in Beijing time (the clock is at 10:00)
        assertThat(browser.text(By.id("summary"))).containsPattern("统计日 2026-02-03，数据时间 10:0\\d:\\d\\d）");
        // and it reads the counts per state, and each entity's state and next deadline in words
        assertThat(browser.text(By.cssSelector(".count[data-state=OVERDUE]"))).contains("1", "逾期");
        assertThat(browser.text(By.cssSelector(".count[data-state=NOT_STARTED]"))).contains("1", "未启动");
        assertThat(row("bayan-jyj")).contains("巴彦县教育局", "起草报告", "逾期", "2026-01-28", "逾期4个工作日");
        assertThat(row("bayan-yshj")).contains("临近期限", "2026-02-04", "剩余1个工作日");
        assertThat(row("bayan-sfj")).contains("按期完成", "4/4 已报送", "已公开");
        assertThat(row("harbin")).contains("哈尔滨市人民政府", "未启动");
        // And the picture of phases names them
        assertThat(browser.text(By.id("phases"))).contains("起草报告", "报送与公开", "已完成");

        // When it clicks the red 逾期 tile
        browser.click(By.cssSelector(".count[data-state=OVERDUE]"));
        browser.waitForText(By.id("summary"), "符合条件 1 个");

        // Then only 教育局 is left; and the Excel export it links holds that row
        assertThat(browser.all(By.cssSelector("#rows tbody tr"))).hasSize(1);
        byte[] sheet = download(browser.waitFor(By.id("export")).getAttribute("href"));
        List<String> names = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
            for (Row r : book.getSheetAt(0)) {
                if (r.getRowNum() >= 2) {
                    names.add(r.getCell(0).getStringCellValue() + "|" + r.getCell(5).getStringCellValue());
                }
            }
        }
        assertThat(names).containsExactly("巴彦县教育局|逾期");

        // When it lists the late at 1 April and opens the Word draft
        WebElement at = browser.waitFor(By.id("at"));
        at.clear();
        at.sendKeys("2026-04-01");
        browser.click(By.id("late-show"));
        browser.waitForText(By.id("late"), "截至 2026-04-01，共 5 个单位");
        byte[] docx = download(browser.waitFor(By.id("late-docx")).getAttribute("href"));
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor text = new XWPFWordExtractor(doc)) {
            assertThat(text.getText()).contains("以下5个单位", "哈尔滨市人民政府", "巴彦县教育局");
        }

        // When it opens 教育局's case page from the table and urges it
        browser.click(By.cssSelector(".count[data-state=OVERDUE]")); // the filter off again
        browser.waitForText(By.id("summary"), "符合条件 6 个");
        browser.click(By.linkText("巴彦县教育局"));
        browser.waitForText(By.id("title"), "巴彦县教育局 · 2025年度法治政府建设年度报告");
        assertThat(browser.waitForText(By.id("timeline"), "起草年度报告").getText()).contains("已逾期");
        browser.waitFor(By.id("urge-message")).sendKeys("请于2月6日前提交报告初稿");
        browser.click(By.id("urge-send"));
        browser.confirm();

        // Then the page confirms the mail and lists the urge with its sender and Beijing time
        assertThat(browser.waitForText(By.id("urge-result"), "已催办").getText()).isEqualTo("已催办，发出1封邮件。");
        assertThat(browser.waitForText(By.id("urges"), "请于2月6日前提交报告初稿").getText())
                .contains("2026-02-03 10:00", "孙依法");
        // And a second urge at once is refused in Chinese
        browser.waitFor(By.id("urge-message")).sendKeys("再次催办");
        browser.click(By.id("urge-send"));
        browser.confirm();
        assertThat(browser.waitForText(By.id("urge-result"), "刚刚催办过").getText()).doesNotContain("urged");
    }

    @Test
    void anOwnerAndADepartmentHeadSeeTheirOwnEntitiesOnly() {
        browser.login("bayan_owner", "demo").open("/desk/index.html?year=2025");
        browser.waitForText(By.id("summary"), "可查看 5 个单位");
        assertThat(entities()).containsExactlyInAnyOrder("bayan", "bayan-sfj", "bayan-gaj", "bayan-jyj", "bayan-yshj");
        browser.close();

        browser = new Browser(port);
        browser.login("bayan_gaj_head", "demo").open("/desk/index.html?year=2025");
        browser.waitForText(By.id("summary"), "可查看 1 个单位");
        assertThat(entities()).containsExactly("bayan-gaj");
        assertThat(row("bayan-gaj")).contains("巴彦县公安局", "报送与公开", "0/4 已报送");
        browser.click(By.linkText("巴彦县公安局"));
        browser.waitForText(By.id("records"), "文号");
        assertThat(browser.text(By.id("records"))).contains("巴公呈〔2026〕3号", "部门领导班子会议审议", "审议通过");
        assertThat(browser.text(By.id("filings"))).contains("暂无");
    }

    @Test
    void aLinkNarrowedToARegionOpensTheDeskOnThatRegion() {
        // Given the city's office opening a link to the desk narrowed to 巴彦县, as a colleague would send it
        browser.login("harbin_owner", "demo").open("/desk/index.html?year=2025&under=bayan");

        // Then the table holds 巴彦县's entities only, the region list names the county, and the 通报 keeps it
        browser.waitForText(By.id("summary"), "可查看 5 个单位，符合条件 5 个");
        assertThat(browser.all(By.cssSelector("#rows tbody tr"))).hasSize(5);
        assertThat(browser.waitFor(By.cssSelector("#under option:checked")).getText()).isEqualTo("巴彦县人民政府");
        assertThat(browser.waitFor(By.id("export")).getAttribute("href")).contains("under=bayan");
    }

    @Test
    void aDrafterGoesFromItsTaskToTheCasePageInsteadOfCockpit() {
        // Given 教育局's clerk opened its drafting task in Tasklist
        String task = engine.getTaskService().createTaskQuery().processInstanceId(scenario.education.getId())
                .taskDefinitionKey(TASK_DRAFT).singleResult().getId();
        browser.login("bayan_jyj_staff", "demo").open("/camunda/app/tasklist/default/#/?task=" + task);

        // When it follows the link beside the process name (Cockpit's, which it may not open)
        WebElement link = browser.waitFor(By.cssSelector("a.instance-link"));
        assertThat(link.getAttribute("href")).endsWith("/desk/case.html?task=" + task);
        link.click();

        // Then its case page opens, in Chinese
        browser.waitForText(By.id("title"), "巴彦县教育局 · 2025年度法治政府建设年度报告");
        assertThat(browser.currentPath()).isEqualTo("/desk/case.html?entity=bayan-jyj&year=2025");
        assertThat(browser.text(By.id("timeline"))).contains("起草年度报告", "未认领");
    }

    @Test
    void withoutALoginTheDeskSendsThePersonToTasklistsLoginPage() {
        browser.open("/desk/index.html");
        assertThat(browser.waitForText(By.id("error"), "请先登录").getText()).contains("前往登录");
    }

    /** The entities of the table's rows. */
    private List<String> entities() {
        return browser.all(By.cssSelector("#rows tbody tr")).stream().map(r -> r.getAttribute("data-entity")).toList();
    }

    /** The row of an entity as the table shows it. */
    private String row(String entity) {
        return browser.waitFor(By.cssSelector("#rows tbody tr[data-entity='" + entity + "']")).getText();
    }

    /** What a link downloads in this browser's login session. */
    private byte[] download(String href) throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", browser.cookieHeader()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(href).isEqualTo(200);
        return answer.body();
    }
}
