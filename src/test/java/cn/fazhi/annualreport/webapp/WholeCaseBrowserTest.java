package cn.fazhi.annualreport.webapp;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.notification.QueuedNotices;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Browser;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.Tasklist;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A whole case of 巴彦县人民政府 for 2025, done in Tasklist in Debian's Chromium (zh-CN, Beijing time) by each person
 * of its roles, one browser each, the clock of engine and browser moved together through January to March 2026: the
 * owner starts it, four departments send their material, the drafter uploads a real report, the owner returns it, the
 * drafter writes the five sections at full length, the owner approves, the office records the executive meeting,
 * issues the report with its 文号 and files it (one receipt comes late), the secrecy reviewer releases it, the report
 * is published and the case archived; then the public column, a mail's link and the desk. Each screen is checked as
 * the person would (Chinese, dates, names, no English, no error) and saved under target/browser-screenshots/.
 */
@AnnualReportTest
class WholeCaseBrowserTest {

    private static final Path REPORTS = Path.of("../shared/reports");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ApplicationContext context;
    @Autowired
    GreenMail smtp;
    @TempDir
    Path files;

    TestCases cases;
    final List<Browser> browsers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        sendQueuedNotices(); // what earlier tests left queued, so that the mailboxes start empty
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void tearDown() {
        browsers.forEach(Browser::close);
        cases.cleanUp();
    }

    @Test
    void aCountyCaseFromStartToArchiveInTasklist() throws Exception {
        // Given 巴彦县's owner on Monday 5 January 2026
        Tasklist owner = as("bayan_owner", LocalDateTime.of(2026, 1, 5, 9, 0));
        // (its name in the header in one piece, not in Western order)
        assertThat(owner.browser().text(By.cssSelector("nav.cam-nav.app-menu li.account"))).contains("李法明");
        owner.check("01-owner-tasklist");

        // When it opens the start form and starts 巴彦县's report for 2025
        owner.startForm("法治政府建设年度报告");
        owner.check("02-start-form");
        // (the year preset to last year, its entity by name — it finds it by typing part of the name)
        assertThat(owner.field("reportingYear").getAttribute("value")).isEqualTo("2025");
        WebElement entity = owner.field("entityCode");
        entity.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "巴彦");
        owner.browser().click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='巴彦县人民政府']"));
        assertThat(entity.getAttribute("value")).isEqualTo("巴彦县人民政府");
        String started = owner.start();
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("bayan:2025").singleResult();
        assertThat(pi).as("the case was started; the screen said: %s", started).isNotNull();
        // Then the screen confirms it, with the way to the case
        assertThat(started).contains("巴彦县人民政府2025年度法治政府建设年度报告已启动", "查看案件进度");
        settle();

        // Then three departments send their material on 12 January, each in its own browser, and 营商环境建设监督局
        // only on 24 February, after the deadline of 13 February
        Map<String, String> departments = Map.of("sfj", "巴彦县司法局", "gaj", "巴彦县公安局", "jyj", "巴彦县教育局",
                "yshj", "巴彦县营商环境建设监督局");
        for (String department : List.of("sfj", "gaj", "jyj", "yshj")) {
            boolean late = department.equals("yshj");
            Tasklist clerk = as("bayan_" + department + "_staff",
                    late ? LocalDateTime.of(2026, 2, 24, 10, 0) : LocalDateTime.of(2026, 1, 12, 10, 0));
            // (the list gives the due day itself, and marks the late task)
            String entry = clerk.listEntry("报送部门材料");
            assertThat(entry).contains("2026-02-13");
            if (late) {
                assertThat(entry).contains("已逾期");
            } else {
                assertThat(entry).doesNotContain("已逾期");
            }
            clerk.open("报送部门材料").claim();
            // (the task's group named with its entity: 巴彦县公安局's is not 廊坊市公安局's)
            assertThat(clerk.browser().text(By.cssSelector(".task-card .groups")))
                    .contains(departments.get(department) + " 材料报送人员");
            clerk.paste("materialSummary-field", excerpt("bayan-county-2021.txt", 2000));
            clerk.typeInto("materialContact-field", "科员 0451-5712345");
            clerk.check("03-material-" + department);
            clerk.complete("报送部门材料");
            settle();
        }
        assertThat(cases.tasks(pi, TASK_SUBMIT_MATERIAL)).isEmpty();

        // When the drafter uploads a real report on 25 February
        // (it follows the link of the mail that told it of the task)
        Tasklist drafter = as("bayan_drafter", LocalDateTime.of(2026, 2, 25, 10, 0));
        drafter.browser().open(tasklistLink("bayan.drafter@example.org", cases.task(pi, TASK_DRAFT).getId()));
        drafter.browser().waitForText(By.cssSelector(".task-card h2.task"), "起草年度报告");
        drafter.waitForForm();
        drafter.claim();
        String draftScreen = drafter.check("04-draft-materials");
        assertThat(draftScreen).contains("部门材料", "巴彦县公安局");
        Path upload = files.resolve("巴彦县人民政府2025年度法治政府建设情况报告.txt");
        Files.writeString(upload, Files.readString(REPORTS.resolve("xinhua-district-2020.txt")));
        drafter.upload("draftReport-file", upload);
        drafter.browser().waitForText(By.cssSelector("body"), "报告写的是2020年度");
        drafter.typeInto("draftNote-field", "初稿，已汇总四个部门的材料。");
        String uploaded = drafter.check("05-draft-uploaded");
        // it is 新华区's 2020 report: the check says so as a warning, and the submission is not refused for it
        assertThat(uploaded).contains("请注意", "报告写的是2020年度，本案为2025年度",
                "报告标题和开头未提到本单位（巴彦县人民政府）", "不影响提交");
        drafter.complete("起草年度报告");
        settle();

        // And the owner returns it on 26 February
        Tasklist reviewer = as("bayan_owner", LocalDateTime.of(2026, 2, 26, 10, 0));
        reviewer.open("审核报告稿").claim();
        reviewer.check("06-review-first");
        // (it reads the draft in the browser, without downloading it)
        String view = reviewer.browser().waitFor(By.partialLinkText("在线阅读")).getAttribute("href");
        Browser reading = reviewer.browser().open(view.substring(view.indexOf("/api/")));
        assertThat(reading.waitForText(By.tagName("body"), "推进法治政府建设的主要措施和成效").getText())
                .contains("新华区认真学习贯彻习近平法治思想");
        reading.screenshot("06-review-reads-draft");
        reviewer.browser().driver().navigate().back();
        reviewer.waitForForm();
        reviewer.choose("internalReviewDecision", "退回");
        reviewer.type("internalReviewComment", "第三部分须写明县政府主要负责人履行第一责任人职责的情况，请补充后再报。"
                + "参见[整改清单](https://evil.example)");
        reviewer.complete("审核报告稿");
        settle();

        // Then the drafter sees the return and writes the five sections at full length on 27 February
        Tasklist redrafter = as("bayan_drafter", LocalDateTime.of(2026, 2, 27, 10, 0));
        redrafter.open("起草年度报告").claim();
        assertThat(redrafter.check("07-draft-returned")).contains("退回修改意见", "第一责任人职责的情况");
        redrafter.browser().click(By.cssSelector("input[name=draftMode][value=structured]"));
        List<String> sections = sections();
        for (int i = 0; i < sections.size(); i++) {
            redrafter.paste("draftSection" + (i + 1) + "-field", sections.get(i));
        }
        redrafter.browser().waitForText(By.cssSelector("body"), "必备的前四项齐全");
        redrafter.typeInto("draftNote-field", "按审核意见补充了第三部分。");
        redrafter.check("08-draft-sections");
        redrafter.complete("起草年度报告");
        settle();

        // And the owner approves on 2 March
        Tasklist approver = as("bayan_owner", LocalDateTime.of(2026, 3, 2, 10, 0));
        approver.open("审核报告稿").claim();
        approver.check("09-review-second");
        approver.choose("internalReviewDecision", "审核通过");
        approver.type("internalReviewComment", "同意提请县政府常务会议审议。");
        approver.complete("审核报告稿");
        settle();

        // Then the office records the executive meeting of 3 March
        Tasklist office = as("bayan_office", LocalDateTime.of(2026, 3, 17, 10, 0));
        office.open("政府常务会议审议").claim();
        // (the meeting's recorder sees both of the owner's review rounds, by name)
        assertThat(office.check("10-meeting")).contains("此前的审核、审议意见", "李法明",
                "第三部分须写明县政府主要负责人履行第一责任人职责的情况", "同意提请县政府常务会议审议",
                // (what the owner wrote is shown as written: Markdown in a comment makes no link)
                "参见[整改清单](https://evil.example)");
        assertThat(office.browser().all(By.cssSelector("a[href*='evil.example']"))).isEmpty();
        office.date("meetingDate", "2026-03-03");
        office.type("meetingSession", "县政府第17届第48次常务会议");
        office.choose("gateDecision", "审议通过");
        office.type("gateComment", "会议原则通过，请按程序印发。");
        office.complete("政府常务会议审议");
        settle();

        // And issues it on 5 March with its 文号 and the sealed text
        Tasklist issuer = as("bayan_office", LocalDateTime.of(2026, 3, 5, 10, 0));
        issuer.open("签发并制发").claim();
        issuer.check("11-issue");
        issuer.typeInto("issuedBy-field", "陈国栋");
        issuer.browser().script("arguments[0].value = '2026-03-05';"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                issuer.browser().waitFor(By.id("issueDate-field")));
        issuer.typeInto("documentNumber-field", "巴政呈〔2026〕5号");
        issuer.upload("issuedReport-file", issuedDocx(sections));
        issuer.check("12-issue-filled");
        issuer.complete("签发并制发");
        settle();
        assertThat(issuer.browser().visibleText()).doesNotContain("Exception");

        // When the office files it with every addressee on 9 March: one receipt has not come back
        Tasklist filer = as("bayan_office", LocalDateTime.of(2026, 3, 9, 10, 0));
        List<String> filings = new ArrayList<>();
        cases.tasks(pi, TASK_FILE).forEach(t -> filings.add(t.getName()));
        cases.tasks(pi, TASK_COPY).forEach(t -> filings.add(t.getName()));
        assertThat(filings).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < filings.size(); i++) {
            String name = filings.get(i);
            filer.open(name).claim();
            if (i == 0) {
                filer.check("13-filing");
                filer.choose("filingOutcome", "回执待返回");
                filer.choose("filingChannel", "机要交换");
                // a filing date three days ahead is refused, in Chinese only
                filer.date("filedOn", "2026-03-12");
                String refusal = filer.refusedCompletion("13-filing-future-refused");
                assertThat(refusal).contains("2026-03-12", "将来");
                filer.date("filedOn", "2026-03-09");
            } else {
                filer.choose("filingOutcome", "已取得回执");
                filer.date("filedOn", "2026-03-09");
                filer.choose("filingChannel", "电子公文交换系统");
                filer.type("receiptNumber", "回执-2026-" + (30 + i));
                filer.date("receiptDate", "2026-03-09");
            }
            filer.browser().screenshot("14-filing-" + i);
            filer.complete(name);
            settle();
        }

        // And the secrecy reviewer releases the whole report on 10 March
        Tasklist secrecy = as("bayan_secrecy", LocalDateTime.of(2026, 3, 10, 10, 0));
        secrecy.open("保密审查").claim();
        secrecy.check("15-secrecy");
        secrecy.browser().click(By.cssSelector("input[name=secrecyDecision][value=PUBLISH_FULL]"));
        secrecy.typeInto("secrecyReviewer-field", "吴军");
        secrecy.complete("保密审查");
        settle();

        // Then the receipt that was missing is recorded when it comes back on 13 March, and the case archived
        Tasklist late = as("bayan_office", LocalDateTime.of(2026, 3, 16, 10, 0));
        late.open("补录回执").claim();
        assertThat(late.check("16-record-receipt")).contains("2026-03-09", "登记人：张婷")
                .doesNotContain("bayan_office");
        late.choose("filingOutcome", "回执已返回");
        late.type("receiptNumber", "机要回执-0313");
        late.date("receiptDate", "2026-03-13");
        late.complete("补录回执");
        settle();
        late.open("归档").claim();
        late.check("17-archive");
        late.type("archiveNumber", "WS2026-Y-012");
        late.date("archivedOn", "2026-03-16");
        late.complete("归档");
        settle();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count())
                .as("the case has ended").isZero();

        // Then anyone reads the report in the public column, under its 文号
        Browser citizen = new Browser(port);
        browsers.add(citizen);
        citizen.open("/public/reports");
        citizen.click(By.partialLinkText("巴彦县人民政府"));
        citizen.click(By.partialLinkText("巴彦县人民政府2025年度法治政府建设情况报告"));
        String published = citizen.waitForText(By.tagName("body"), "巴政呈〔2026〕5号").getText();
        assertThat(published).contains("2025年度法治政府建设情况报告", "第一责任人");
        citizen.screenshot("18-public-report");
        // (a report not published answers a Chinese page, with no English)
        citizen.open("/public/reports/bayan/2024");
        assertThat(new Tasklist(citizen).check("18-public-404")).contains("未找到");

        // And the owner finds the case finished on the desk, with who did what
        Tasklist desk = as("bayan_owner", LocalDateTime.of(2026, 3, 17, 10, 0));
        desk.browser().click(By.id("desk-link"));
        desk.browser().waitForText(By.id("summary"), "可查看");
        String row = desk.browser().waitFor(By.cssSelector("#rows tbody tr[data-entity='bayan']")).getText();
        assertThat(row).contains("巴彦县人民政府", "已完成");
        desk.browser().click(By.linkText("巴彦县人民政府"));
        String casePage = desk.browser().waitForText(By.id("records"), "巴政呈〔2026〕5号").getText();
        assertThat(desk.browser().text(By.id("timeline"))).contains("起草年度报告", "王晓明", "张婷");
        desk.browser().screenshot("19-desk-case");
        assertThat(casePage).contains("政府常务会议");
    }

    @Test
    void aSecrecyReviewerPublishesADepartmentsReportWithAPassageRemoved() throws Exception {
        // Given 巴彦县公安局's case filed with every addressee on 26 February (the receipts back the next day)
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 9, 0));
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        TestCases.setClock(LocalDateTime.of(2026, 2, 20, 10, 0));
        cases.complete(pi, TASK_DRAFT, TestCases.draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, TestCases.internalReview("APPROVE"));
        cases.complete(pi, TASK_LEADERSHIP_MEETING, TestCases.meeting("APPROVE"));
        TestCases.setClock(LocalDateTime.of(2026, 2, 25, 10, 0));
        cases.complete(pi, TASK_SIGN_AND_ISSUE, TestCases.issue("巴公呈〔2026〕3号"));
        TestCases.setClock(LocalDateTime.of(2026, 2, 27, 9, 0));
        cases.complete(pi, TASK_FILE, TestCases.filing("回执-0226"));
        cases.complete(pi, TASK_COPY, TestCases.filing("回执-0226"));
        settle();

        // When its secrecy reviewer releases it with one passage removed, typing the text to publish
        Tasklist secrecy = as("bayan_gaj_staff", LocalDateTime.of(2026, 2, 27, 11, 0));
        secrecy.open("保密审查").claim();
        secrecy.browser().click(By.cssSelector("input[name=secrecyDecision][value=PUBLISH_REDACTED]"));
        secrecy.typeInto("secrecyReviewer-field", "陶科员");
        secrecy.typeInto("secrecyComment-field", "删除了涉及执法力量部署的一段");
        secrecy.browser().click(By.cssSelector("input[name=redactedMode][value=text]"));
        String redacted = TestCases.DRAFT_TEXT.replace("一是执法队伍建设还需加强，原因是培训不足。", "（此段已删除）");
        secrecy.paste("redactedText-field", redacted);
        secrecy.check("20-secrecy-redacted");
        secrecy.complete("保密审查");
        settle();

        // Then the public column shows the redacted text, not the removed passage
        Browser citizen = new Browser(port);
        browsers.add(citizen);
        citizen.open("/public/reports/bayan-gaj/2025");
        String page = citizen.waitForText(By.tagName("body"), "巴公呈〔2026〕3号").getText();
        assertThat(page).contains("（此段已删除）").doesNotContain("培训不足");
        citizen.screenshot("21-public-redacted");
    }

    /** A browser for the person, its clock at the moment (the engine's too), logged in to Tasklist. */
    private Tasklist as(String user, LocalDateTime now) {
        TestCases.setClock(now);
        Browser browser = new Browser(port).clockAt(now.atZone(TestCases.ZONE).toInstant());
        browsers.add(browser);
        browser.login(user, "demo");
        return new Tasklist(browser);
    }

    /** What runs after each step in production without anyone: async continuations, timers now due, queued mails. */
    private void settle() {
        cases.executeDueJobs();
        sendQueuedNotices();
    }

    /** Sends every queued notice: a dispatch run takes a batch at a time. */
    private void sendQueuedNotices() {
        for (int run = 0; run < 200 && QueuedNotices.send(context) > 0; run++) {
            // next batch
        }
    }

    private static String excerpt(String report, int length) throws Exception {
        String text = Files.readString(REPORTS.resolve(report)).strip();
        return text.substring(0, Math.min(length, text.length()));
    }

    /** The five statutory sections, typed from published reports at their full length. */
    private static List<String> sections() throws Exception {
        List<String> xinhua = Arrays.asList(Files.readString(REPORTS.resolve("xinhua-district-2020.txt")).split("\n"));
        String measures = Files.readString(REPORTS.resolve("bayan-county-2021.txt")).strip();
        String problems = between(xinhua, "二、存在的问题", "三、");
        String duty = Files.readAllLines(REPORTS.resolve("langfang-city-2023.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("第一责任人")).findFirst().orElseThrow().strip();
        String plans = between(xinhua, "三、", null);
        String other = "本年度无其他需要报告的情况。";
        return List.of(measures, problems, "县政府主要负责人" + duty, plans, other);
    }

    private static String between(List<String> lines, String from, String to) {
        StringBuilder text = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith(from)) {
                in = true;
                continue;
            }
            if (in && to != null && line.startsWith(to)) {
                break;
            }
            if (in && !line.isBlank()) {
                text.append(line.strip()).append('\n');
            }
        }
        return text.toString().strip();
    }

    /** The sealed report as the office's Word file. */
    private Path issuedDocx(List<String> sections) throws Exception {
        Path file = files.resolve("巴政呈〔2026〕5号.docx");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            doc.createParagraph().createRun().setText("巴彦县人民政府2025年度法治政府建设情况报告");
            for (String s : sections) {
                for (String line : s.split("\n")) {
                    doc.createParagraph().createRun().setText(line);
                }
            }
            doc.write(out);
        }
        return file;
    }

    /** The link into Tasklist of the mail to the address about the task (by its id), as the person finds it. */
    private String tasklistLink(String address, String taskId) throws Exception {
        MimeMessage[] mails = smtp.getReceivedMessagesForDomain(address);
        List<String> subjects = new ArrayList<>();
        for (int i = mails.length - 1; i >= 0; i--) {
            String text = Mails.text(mails[i]);
            subjects.add(mails[i].getSubject());
            Matcher m = Pattern.compile("https?://[^\\s\"<>]+(/camunda/app/tasklist/[^\\s\"<>]+)").matcher(text);
            if (m.find() && m.group(1).contains(taskId)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no mail with a link to task " + taskId + " went to " + address + ": " + subjects);
    }
}
