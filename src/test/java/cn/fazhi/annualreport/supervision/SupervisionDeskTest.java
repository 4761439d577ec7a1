package cn.fazhi.annualreport.supervision;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The supervision desk's API as 哈尔滨市's 依法治市办, 巴彦县's owner, a department head and an outsider use it: one case
 * at every state, the state rule and the 通报 list against dates worked out by hand on the 2026 working-day calendar
 * (Spring Festival 15–23 February off, Saturday 14 and 28 February worked), the exports opened and read, 催办 mailed.
 * The cases are {@link DeskScenario}'s.
 */
@AnnualReportTest
class SupervisionDeskTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail smtp;

    TestCases cases;
    DeskScenario scenario;

    @BeforeEach
    void setUp() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        scenario = DeskScenario.start(engine);
        cases = scenario.cases;
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void theSupervisingOfficeSeesEveryEntityBelowItWithItsStateByTheRule() {
        // Given it is Tuesday 3 February 2026, 10:00
        TestCases.setClock(LocalDateTime.of(2026, 2, 3, 10, 0));

        // When 哈尔滨市's 依法治市办 opens the 2025 overview
        Map<String, Object> overview = get("harbin_owner", "/api/reports?year=2025&size=50");

        // Then it sees 哈尔滨市 itself and everything below it, six entities, one per state
        assertThat(overview).containsEntry("total", 6);
        Map<String, Map<String, Object>> rows = byEntity(overview);
        assertThat(rows.keySet()).containsExactlyInAnyOrder("harbin", "bayan", "bayan-sfj", "bayan-gaj", "bayan-jyj",
                "bayan-yshj");
        // 教育局's draft was due 28 Jan: 28, 29, 30 Jan and 2 Feb are the working days behind → 逾期 4
        assertThat(rows.get("bayan-jyj")).containsEntry("state", "OVERDUE").containsEntry("stateLabel", "逾期")
                .containsEntry("colour", "red").containsEntry("phaseLabel", "起草报告");
        assertThat(next(rows.get("bayan-jyj"))).containsEntry("date", "2026-01-28").containsEntry("workingDaysOverdue", 4);
        // 营商环境局's review is due tomorrow: one working day left, within five → 临近期限
        assertThat(rows.get("bayan-yshj")).containsEntry("state", "DUE_SOON").containsEntry("colour", "amber")
                .containsEntry("phaseLabel", "审核");
        assertThat(next(rows.get("bayan-yshj"))).containsEntry("date", "2026-02-04").containsEntry("workingDaysLeft", 1);
        // 巴彦县's materials are due 13 Feb: 3, 4, 5, 6, 9, 10, 11, 12 Feb → eight working days → 正常推进
        assertThat(rows.get("bayan")).containsEntry("state", "ON_TRACK").containsEntry("colour", "green")
                .containsEntry("phaseLabel", "部门材料报送");
        assertThat(next(rows.get("bayan"))).containsEntry("workingDaysLeft", 8);
        // 司法局 filed with all four addressees by 28 Feb and published on 20 Jan → 按期完成, with its URL
        assertThat(rows.get("bayan-sfj")).containsEntry("state", "DONE").containsEntry("phaseLabel", "已完成");
        assertThat(rows.get("bayan-sfj").get("filings").toString()).contains("中共巴彦县委", "已回执")
                .doesNotContain("未报送");
        assertThat(((Map<?, ?>) rows.get("bayan-sfj").get("publication")).get("url").toString())
                .contains("/public/");
        // 公安局 waits for its filings: each addressee outstanding
        assertThat(rows.get("bayan-gaj")).containsEntry("phaseLabel", "报送与公开");
        assertThat(rows.get("bayan-gaj").get("filings").toString()).contains("哈尔滨市公安局", "未报送");
        // 哈尔滨市 has no case although the cycle has begun → 未启动, red
        assertThat(rows.get("harbin")).containsEntry("state", "NOT_STARTED").containsEntry("colour", "red")
                .containsEntry("href", null);
        // And the counts at the top and the picture per phase add up
        assertThat(counts(overview)).containsEntry("OVERDUE", 1).containsEntry("NOT_STARTED", 1)
                .containsEntry("DUE_SOON", 1).containsEntry("ON_TRACK", 2).containsEntry("DONE", 1);
        assertThat(overview.get("phases").toString()).contains("起草报告", "报送与公开", "已完成");
        // And the most urgent row comes first
        assertThat(entities(overview).get(0)).isEqualTo("bayan-jyj");
    }

    @Test
    void aCaseStartedAfterItsStatutoryDatesIsOverdueAtOnce() {
        // Given 新华区司法局's 2025 case starts on Friday 10 April 2026: its own tasks are planned from that day on,
        // but filing was owed by 28 February and publication by 31 March
        TestCases.setClock(LocalDateTime.of(2026, 4, 10, 10, 0));
        cases.start("xinhua-sfj", 2025);

        // When its supervisor, 新华区's owner, looks at the overview
        Map<String, Object> row = byEntity(get("xinhua_owner", "/api/reports?year=2025")).get("xinhua-sfj");

        // Then it is overdue against the earlier statutory date: 28 Feb, 22 working days of March, 1–3 and 7–9 April
        // (4–6 April is Qingming) → 29 working days
        assertThat(row).containsEntry("state", "OVERDUE").containsEntry("phaseLabel", "起草报告");
        assertThat(next(row)).containsEntry("task", "FILING").containsEntry("taskName", "报送（法定期限）")
                .containsEntry("date", "2026-02-28").containsEntry("workingDaysOverdue", 29);
        // And a 通报 drawn for 2 March counts it as not started then: one working day (28 February) late
        Map<String, Map<String, Object>> march = lateByEntity(get("xinhua_owner",
                "/api/reports/late?year=2025&at=2026-03-02"));
        assertThat(march.get("xinhua-sfj")).containsEntry("filing", "未启动，截至2026-03-02未报送（逾期1个工作日）");
    }

    @Test
    void filtersSortingSearchAndPagingNarrowTheRows() {
        TestCases.setClock(LocalDateTime.of(2026, 2, 3, 10, 0));

        assertThat(entities(get("harbin_owner", "/api/reports?year=2025&state=overdue"))).containsExactly("bayan-jyj");
        assertThat(entities(get("harbin_owner", "/api/reports?year=2025&type=GOVERNMENT&sort=name")))
                .containsExactlyInAnyOrder("harbin", "bayan");
        assertThat(entities(get("harbin_owner", "/api/reports?year=2025&under=bayan&level=COUNTY")))
                .containsExactlyInAnyOrder("bayan", "bayan-sfj", "bayan-gaj", "bayan-jyj", "bayan-yshj");
        assertThat(entities(get("harbin_owner", "/api/reports?year=2025&q=公安"))).containsExactly("bayan-gaj");
        assertThat(entities(get("harbin_owner", "/api/reports?year=2025&phase=FINISHED"))).containsExactly("bayan-sfj");
        Map<String, Object> page2 = get("harbin_owner", "/api/reports?year=2025&sort=name&size=4&page=1");
        assertThat(page2).containsEntry("matching", 6);
        assertThat((List<?>) page2.get("rows")).hasSize(2);
        // And the year before has no cases: every entity not started, nobody on time
        Map<String, Object> before = get("harbin_owner", "/api/reports?year=2024");
        assertThat(counts(before)).containsEntry("NOT_STARTED", 6);
        @SuppressWarnings("unchecked")
        Map<String, Object> onTime = (Map<String, Object>) get("harbin_owner", "/api/reports?year=2025").get("onTime");
        assertThat(onTime).containsEntry("previousYear", 2024).containsEntry("previousRate", 0.0);
    }

    @Test
    void eachPersonSeesOnlyWhatTheEngineLetsThemRead() {
        TestCases.setClock(LocalDateTime.of(2026, 2, 3, 10, 0));

        assertThat(entities(get("bayan_owner", "/api/reports?year=2025")))
                .containsExactlyInAnyOrder("bayan", "bayan-sfj", "bayan-gaj", "bayan-jyj", "bayan-yshj");
        assertThat(entities(get("bayan_gaj_head", "/api/reports?year=2025"))).containsExactly("bayan-gaj");
        assertThat(entities(get("bayan_drafter", "/api/reports?year=2025"))).containsExactly("bayan");
        // the urge is offered to those who may urge: the supervising office, not the county's drafter
        assertThat(byEntity(get("bayan_drafter", "/api/reports?year=2025")).get("bayan")).containsEntry("canUrge", false);
        assertThat(byEntity(get("harbin_owner", "/api/reports?year=2025")).get("bayan")).containsEntry("canUrge", true);
        assertThat(byEntity(get("harbin_owner", "/api/reports?year=2025")).get("bayan-sfj"))
                .containsEntry("canUrge", false); // finished
        assertThat(entities(get("pingdingshan_owner", "/api/reports?year=2025"))).doesNotContain("bayan", "harbin")
                .contains("pingdingshan", "xinhua");
        assertThat(entities(get("admin", "Fz-Test-K7q#2026-Vw", "/api/reports?year=2025&size=500")))
                .contains("harbin", "bayan", "hebei", "xinhua", "duolun-sthjj");
        // a region above the caller is not a filter it may use
        ResponseEntity<Map<String, Object>> foreign = exchange("pingdingshan_owner", "demo",
                "/api/reports?year=2025&under=harbin", HttpMethod.GET, null);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getBody().get("messageZh").toString()).contains("无权查看");
        // the timeline of a case: its supervisors and its own people, nobody else
        assertThat(exchange("harbin_owner", "demo", "/api/reports/bayan-sfj/2025/timeline", HttpMethod.GET, null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exchange("pingdingshan_owner", "demo", "/api/reports/bayan-sfj/2025/timeline", HttpMethod.GET, null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void badFiltersAreRefusedInBothLanguages() {
        for (String query : List.of("year=1999", "year=abc", "state=LATE", "phase=X", "type=X", "level=X", "sort=x",
                "page=-1", "size=0", "size=501", "at=2026-13-01")) {
            String url = query.startsWith("at=") ? "/api/reports/late?" + query : "/api/reports?" + query;
            ResponseEntity<Map<String, Object>> answer = exchange("harbin_owner", "demo", url, HttpMethod.GET, null);
            assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().get("messageZh").toString()).as(query).isNotBlank();
            assertThat(answer.getBody().get("messageEn").toString()).as(query).isNotBlank();
        }
        assertThat(rest.getForEntity("/api/reports?year=2025", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // a 通报 date that is no date, or lies years away from the reporting year
        for (String at : List.of("9999-12-31", "-2026-04-01", "0000-01-01", "2026-4-1", "2024-12-31", "2028-01-01")) {
            ResponseEntity<Map<String, Object>> answer = exchange("harbin_owner", "demo",
                    "/api/reports/late?year=2025&at=" + at, HttpMethod.GET, null);
            assertThat(answer.getStatusCode()).as(at).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().get("messageZh").toString()).as(at).contains("日期");
        }
    }

    @Test
    void aParameterTheCallDoesNotTakeOrGivenTwiceIsRefusedNotDropped() {
        // Given the overview, its spreadsheet, the 通报 list and its two files
        List<String> calls = List.of("/api/reports", "/api/reports/overview.xlsx", "/api/reports/late",
                "/api/reports/late.xlsx", "/api/reports/late.docx");
        for (String call : calls) {
            // When a supervising office repeats the year or misspells the region
            for (String query : List.of("year=2025&year=2024", "year=2025&undr=harbin")) {
                ResponseEntity<Map<String, Object>> answer = exchange("harbin_owner", "demo", call + "?" + query,
                        HttpMethod.GET, null);

                // Then the answer is a 400 that says which parameter, in both languages
                assertThat(answer.getStatusCode()).as(call + "?" + query).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(answer.getBody().get("messageZh").toString()).as(call + "?" + query)
                        .containsAnyOf("参数year只能给一次", "未知的参数：undr");
                assertThat(answer.getBody().get("messageEn").toString()).as(call + "?" + query)
                        .containsAnyOf("Parameter year may be given once", "Unknown parameter undr");
            }
        }
        // a day for the overview (it shows today), a sort or a state for the 通报 (its own order, every state)
        for (String url : List.of("/api/reports/overview.xlsx?year=2025&at=2026-04-01",
                "/api/reports/late?year=2025&sort=name", "/api/reports/late.docx?year=2025&state=OVERDUE")) {
            assertThat(exchange("harbin_owner", "demo", url, HttpMethod.GET, null).getStatusCode()).as(url)
                    .isEqualTo(HttpStatus.BAD_REQUEST);
        }
        // what the desk's page sends is taken
        assertThat(get("harbin_owner", "/api/reports/late?year=2025&under=harbin&type=DEPARTMENT&level=COUNTY&q=县"
                + "&at=2026-04-01")).containsEntry("year", 2025);
        assertThat(download("harbin_owner", "/api/reports/overview.xlsx?year=2025&under=harbin&state=OVERDUE"
                + "&phase=DRAFTING&sort=name")).isNotEmpty();
    }

    @Test
    void malformedBodiesAndWrongMethodsAreRefusedInBothLanguages() {
        // a field given twice, a list instead of an object, a body that is no JSON
        for (String body : List.of("{\"message\":\"a\",\"message\":\"b\"}", "[\"a\"]", "{\"message\":")) {
            HttpHeaders headers = auth("harbin_owner", "demo");
            headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
            ResponseEntity<Map<String, Object>> answer = rest.exchange("/api/reports/bayan-jyj/2025/urges",
                    HttpMethod.POST, new HttpEntity<>(body, headers), JSON);
            assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().get("messageZh").toString()).as(body).contains("JSON");
            assertThat(answer.getBody().get("messageEn").toString()).as(body).doesNotContain("cn.fazhi", "java.");
        }
        // a text body, a method the address does not take, an address that does not exist
        HttpHeaders text = auth("harbin_owner", "demo");
        text.setContentType(org.springframework.http.MediaType.TEXT_PLAIN);
        ResponseEntity<Map<String, Object>> unsupported = rest.exchange("/api/reports/bayan-jyj/2025/urges",
                HttpMethod.POST, new HttpEntity<>("催办", text), JSON);
        ResponseEntity<Map<String, Object>> method = exchange("harbin_owner", "demo",
                "/api/reports/bayan-jyj/2025/urges", HttpMethod.PUT, Map.of("message", "x"));
        ResponseEntity<Map<String, Object>> missing = exchange("harbin_owner", "demo",
                "/api/reports/bayan-jyj/2025/nothing-here", HttpMethod.GET, null);
        assertThat(unsupported.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(unsupported.getBody().get("messageZh").toString()).contains("application/json");
        assertThat(method.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(method.getBody().get("messageZh").toString()).contains("请求方法");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).containsEntry("messageZh", "没有这个地址").containsEntry("messageEn", "No such address");
        // and a message with a lone surrogate or a right-to-left override
        for (String message : List.of("催办\ud800", "请\u202e尽快")) {
            assertThat(exchange("harbin_owner", "demo", "/api/reports/bayan-jyj/2025/urges", HttpMethod.POST,
                    Map.of("message", message)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        }
    }

    @Test
    void theNoticeListsWhoHadNotFiledOrPublishedByTheStatutoryDate() throws Exception {
        // Given 公安局 files on Tuesday 3 March — 28 Feb (a working Saturday) and 2 March lie between: two working days late
        TestCases.setClock(LocalDateTime.of(2026, 3, 4, 10, 0));
        scenario.finish(engine, scenario.police, "2026-03-03");

        // When the supervising office lists the late at 4 March
        Map<String, Object> march = get("harbin_owner", "/api/reports/late?year=2025&at=2026-03-04");

        // Then: 公安局 filed late, 教育局 and 营商环境局 have not filed; nobody is late publishing before 31 March
        Map<String, Map<String, Object>> late = lateByEntity(march);
        assertThat(late.keySet()).containsExactlyInAnyOrder("bayan-gaj", "bayan-jyj", "bayan-yshj");
        assertThat(late.get("bayan-gaj")).containsEntry("filing", "逾期报送：2026-03-03（逾期2个工作日）")
                .containsEntry("publication", null);
        assertThat(late.get("bayan-jyj").get("filing").toString()).startsWith("截至2026-03-04未报送");
        // and what stood for the other duty is said in words: not due yet, not "on time"
        assertThat(late.get("bayan-gaj")).containsEntry("publicationStatus", "按时公开（2026-03-04）");
        assertThat(late.get("bayan-jyj")).containsEntry("publicationStatus", "未到期限（2026-03-31），尚未公开");
        // And the overview marks 公安局 as finished late
        assertThat(byEntity(get("harbin_owner", "/api/reports?year=2025")).get("bayan-gaj"))
                .containsEntry("state", "DONE_LATE").containsEntry("colour", "amber");

        // When the list is drawn for 1 April, the day after the publication deadline
        Map<String, Map<String, Object>> april = lateByEntity(get("harbin_owner",
                "/api/reports/late?year=2025&at=2026-04-01"));

        // Then 哈尔滨市 (never started) and 巴彦县 join: neither filed nor published by 31 March, one working day late
        assertThat(april.keySet()).containsExactlyInAnyOrder("harbin", "bayan", "bayan-gaj", "bayan-jyj", "bayan-yshj");
        assertThat(april.get("harbin").get("publication")).isEqualTo("未启动，截至2026-04-01未公开（逾期1个工作日）");
        assertThat(april.get("bayan").get("publication")).isEqualTo("截至2026-04-01未公开（逾期1个工作日）");
        assertThat(april.get("bayan-gaj")).containsEntry("publication", null);

        // And the Excel list and the Word draft carry the same entities
        byte[] sheet = download("harbin_owner", "/api/reports/late.xlsx?year=2025&at=2026-04-01");
        List<String> names = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
            Sheet s = book.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).contains("2025年度", "截至2026-04-01");
            for (Row row : s) {
                if (row.getRowNum() >= 2) {
                    names.add(row.getCell(1).getStringCellValue());
                }
            }
        }
        assertThat(names).containsExactlyInAnyOrder("哈尔滨市人民政府", "巴彦县人民政府", "巴彦县公安局", "巴彦县教育局",
                "巴彦县营商环境建设监督局");
        byte[] docx = download("harbin_owner", "/api/reports/late.docx?year=2025&at=2026-04-01");
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor text = new XWPFWordExtractor(doc)) {
            assertThat(text.getText()).contains("关于2025年度法治政府建设年度报告报送和公开情况的通报", "以下5个单位",
                    "巴彦县教育局", "逾期报送：2026-03-03", "中共哈尔滨市委全面依法治市委员会办公室", "2026年4月1日");
            // one table row per late entity under the header, numbered
            assertThat(doc.getTables().get(0).getRows()).hasSize(6);
            assertThat(doc.getTables().get(0).getRow(5).getCell(0).getText()).isEqualTo("5");
        }
    }

    @Test
    void theOverviewExportHoldsEveryRowAsTheTableShowsIt() throws Exception {
        TestCases.setClock(LocalDateTime.of(2026, 2, 3, 10, 0));

        byte[] sheet = download("harbin_owner", "/api/reports/overview.xlsx?year=2025");

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sheet))) {
            Sheet s = book.getSheetAt(0);
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).isEqualTo("单位");
            Map<String, String> stateOf = new HashMap<>();
            for (Row row : s) {
                if (row.getRowNum() >= 2) {
                    stateOf.put(row.getCell(0).getStringCellValue(), row.getCell(5).getStringCellValue());
                }
            }
            assertThat(stateOf).hasSize(6).containsEntry("巴彦县教育局", "逾期").containsEntry("巴彦县司法局", "按期完成")
                    .containsEntry("哈尔滨市人民政府", "未启动");
        }
    }

    @Test
    void theSupervisingOfficeUrgesALateCaseOnceAndItsDrafterGetsTheMessage() throws Exception {
        TestCases.setClock(LocalDateTime.of(2026, 2, 3, 10, 0));

        // When 哈尔滨市's 依法治市办 urges 教育局 with a message
        ResponseEntity<Map<String, Object>> urged = exchange("harbin_owner", "demo", "/api/reports/bayan-jyj/2025/urges",
                HttpMethod.POST, Map.of("message", "请于2月6日前提交报告初稿"));

        // Then the drafter who should act gets the mail with the message, and the urge is logged with its sender
        assertThat(urged.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(urged.getBody()).containsEntry("mails", 1).containsEntry("urgedByName", "孙依法");
        MimeMessage mail = smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1];
        assertThat(Mails.to(mail)).isEqualTo("bayan.jyj.staff@example.org");
        assertThat(mail.getSubject()).contains("【督办催办】", "巴彦县教育局", "起草年度报告");
        assertThat(Mails.text(mail)).contains("孙依法：请于2月6日前提交报告初稿");
        List<Map<String, Object>> log = rest.exchange("/api/reports/bayan-jyj/2025/urges", HttpMethod.GET,
                new HttpEntity<>(auth("bayan_owner", "demo")), LIST).getBody();
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).containsEntry("message", "请于2月6日前提交报告初稿");

        // When it urges again at once, when the department's own clerk, an outsider or nobody's message tries
        ResponseEntity<Map<String, Object>> again = exchange("bayan_owner", "demo", "/api/reports/bayan-jyj/2025/urges",
                HttpMethod.POST, Map.of("message", "再催"));
        ResponseEntity<Map<String, Object>> clerk = exchange("bayan_jyj_staff", "demo",
                "/api/reports/bayan-jyj/2025/urges", HttpMethod.POST, Map.of("message", "催自己"));
        ResponseEntity<Map<String, Object>> outsider = exchange("pingdingshan_owner", "demo",
                "/api/reports/bayan-jyj/2025/urges", HttpMethod.POST, Map.of("message", "越权"));
        ResponseEntity<Map<String, Object>> empty = exchange("harbin_owner", "demo", "/api/reports/bayan/2025/urges",
                HttpMethod.POST, Map.of("message", "  "));
        ResponseEntity<Map<String, Object>> finished = exchange("harbin_owner", "demo",
                "/api/reports/bayan-sfj/2025/urges", HttpMethod.POST, Map.of("message", "已完成的案件"));

        // Then: too soon (429), the case's own clerk is no supervisor (403), an outsider does not read it (404), no
        // message (400), nothing to urge (409)
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(again.getBody().get("messageZh").toString()).contains("刚刚催办过");
        assertThat(clerk.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(clerk.getBody().get("messageZh").toString()).contains("只有牵头部门和上级督办机构可以催办");
        assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(finished.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        // And after four hours the office may urge again
        TestCases.setClock(LocalDateTime.of(2026, 2, 3, 14, 1));
        assertThat(exchange("harbin_owner", "demo", "/api/reports/bayan-jyj/2025/urges", HttpMethod.POST,
                Map.of("message", "第二次催办")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aTaskLeadsToItsCasePageForWhoeverSeesTheTask() {
        String draftTask = engine.getTaskService().createTaskQuery().processInstanceId(scenario.education.getId())
                .taskDefinitionKey(TASK_DRAFT).singleResult().getId();

        ResponseEntity<Map<String, Object>> own = exchange("bayan_jyj_staff", "demo", "/api/tasks/" + draftTask + "/case",
                HttpMethod.GET, null);
        ResponseEntity<Map<String, Object>> other = exchange("bayan_gaj_staff", "demo",
                "/api/tasks/" + draftTask + "/case", HttpMethod.GET, null);

        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(own.getBody()).containsEntry("href", "/desk/case.html?entity=bayan-jyj&year=2025");
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // a department's contributor works on the county's material task but does not read the county's case
        String material = engine.getTaskService().createTaskQuery().processInstanceId(scenario.county.getId())
                .taskDefinitionKey(TASK_SUBMIT_MATERIAL).taskCandidateGroup("bayan-gaj-contributor").singleResult().getId();
        ResponseEntity<Map<String, Object>> contributor = exchange("bayan_gaj_staff", "demo",
                "/api/tasks/" + material + "/case", HttpMethod.GET, null);
        assertThat(contributor.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(contributor.getBody().get("messageZh").toString()).contains("无权查看它所属的案件");
        Map<String, Object> timeline = get("bayan_jyj_head", "/api/reports/bayan-jyj/2025/timeline");
        assertThat(timeline.get("tasks").toString()).contains("起草年度报告");
    }

    @Test
    void theTimelineNamesWhoCompletedATaskNobodyHadClaimed() {
        // Given 教育局's clerk completes the unclaimed drafting task as itself
        String draft = engine.getTaskService().createTaskQuery().processInstanceId(scenario.education.getId())
                .taskDefinitionKey(TASK_DRAFT).singleResult().getId();
        engine.getIdentityService().setAuthentication("bayan_jyj_staff", List.of("bayan-jyj-drafter"));
        try {
            engine.getTaskService().complete(draft, TestCases.draft(false));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        // When its head reads the timeline
        List<Map<String, Object>> tasks = timelineTasks(get("bayan_jyj_head", "/api/reports/bayan-jyj/2025/timeline"));

        // Then the draft was done by 戚科员, and the review that follows is open, unclaimed
        assertThat(tasks).filteredOn(t -> TASK_DRAFT.equals(t.get("task"))).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("assigneeName", "戚科员").containsEntry("outcome", "COMPLETED"));
        assertThat(tasks).filteredOn(t -> "OPEN".equals(t.get("outcome"))).isNotEmpty()
                .allSatisfy(t -> assertThat(t.get("assignee")).isNull());
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private Map<String, Object> get(String user, String url) {
        return get(user, "demo", url);
    }

    private Map<String, Object> get(String user, String password, String url) {
        ResponseEntity<Map<String, Object>> answer = exchange(user, password, url, HttpMethod.GET, null);
        assertThat(answer.getStatusCode()).as(url + " " + answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private ResponseEntity<Map<String, Object>> exchange(String user, String password, String url, HttpMethod method,
                                                         Object body) {
        return rest.exchange(url, method, new HttpEntity<>(body, auth(user, password)), JSON);
    }

    private byte[] download(String user, String url) {
        ResponseEntity<byte[]> answer = rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user, "demo")),
                byte[].class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private static HttpHeaders auth(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byEntity(Map<String, Object> overview) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        ((List<Map<String, Object>>) overview.get("rows")).forEach(r -> rows.put((String) r.get("entity"), r));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<String> entities(Map<String, Object> overview) {
        return ((List<Map<String, Object>>) overview.get("rows")).stream().map(r -> (String) r.get("entity")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> next(Map<String, Object> row) {
        return (Map<String, Object>) row.get("next");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> counts(Map<String, Object> overview) {
        Map<String, Integer> counts = new HashMap<>();
        ((List<Map<String, Object>>) overview.get("counts")).forEach(c -> counts.put((String) c.get("state"),
                (Integer) c.get("count")));
        return counts;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> timelineTasks(Map<String, Object> timeline) {
        return (List<Map<String, Object>>) timeline.get("tasks");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> lateByEntity(Map<String, Object> late) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        ((List<Map<String, Object>>) late.get("entities")).forEach(r -> rows.put((String) r.get("entity"), r));
        return rows;
    }
}
