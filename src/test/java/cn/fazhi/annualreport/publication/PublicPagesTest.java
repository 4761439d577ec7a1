package cn.fazhi.annualreport.publication;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static cn.fazhi.annualreport.testing.TestCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import cn.fazhi.annualreport.organization.Role;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.PortalCms;
import cn.fazhi.annualreport.testing.TestCases;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.NodeList;

/**
 * The public column as anyone sees it, over real HTTP: every piece of user text — entity name (from the registry
 * import), title, 文号, the report's sections — appears escaped and never runs, in the pages (parsed with jsoup) and
 * the Atom feed (parsed as XML); internal notes never appear; only published reports are shown; read-only.
 */
@AnnualReportTest
class PublicPagesTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "\"><img src=x onerror=alert(2)>";
    static final String JS_URL = "javascript:alert(3)";
    static final String SVG = "'><svg/onload=alert(4)>";
    static final String LINK = "<a href=\"javascript:alert(5)\">点击</a>";
    static final String CLOSE = "</p></div><script>alert(6)</script>";
    /** Each comes back as text, never as markup. */
    static final List<String> PAYLOADS = List.of(SCRIPT, IMG, JS_URL, SVG, LINK, CLOSE);
    /** Markup that must never reach a page or the feed unescaped. */
    static final List<String> RAW = List.of(SCRIPT, "<img src=x", "<svg/onload", "<a href=\"javascript:", "<script>alert(6)");
    static final String ENTITY_NAME = "某市人民政府" + SCRIPT + IMG;
    static final String NUMBER = SCRIPT + "〔2026〕1号";
    static final String INTERNAL = "INTERNAL-ONLY-7Q";

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @LocalServerPort
    int port;

    TestCases cases;
    PublicationFixture fixture;

    @BeforeEach
    void setUp() {
        init(engine);
        cases = new TestCases(engine);
        fixture = new PublicationFixture(engine, cases, jdbc, port);
        setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
        jdbc.update("DELETE FROM reporting_entity WHERE code = 'zz-xss'");
        if (identityService.createUserQuery().userId("zz_xss").count() > 0) {
            identityService.deleteUser("zz_xss");
        }
        for (Role role : Role.values()) {
            String group = role.groupId("zz-xss");
            authorizationService.createAuthorizationQuery().groupIdIn(group).list()
                    .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
            if (identityService.createGroupQuery().groupId(group).count() > 0) {
                identityService.deleteGroup(group);
            }
        }
    }

    @Test
    void anXssPayloadInEveryTextFieldIsOnlyEverShownEscapedAndNeverRuns() throws Exception {
        // Given a city imported into the registry with a payload in its name, under 河北省 (so also sent to the CMS)
        String csv = "单位代码,单位名称,简称,类型,层级,上级单位代码,同级党委,同级人大常委会,依法治理办公室,审议方式,文号前缀,启用,"
                + "牵头负责人,起草人员,办公室人员,保密审查人员\n"
                + "zz-xss,\"" + ENTITY_NAME.replace("\"", "\"\"") + "\",某市,政府,市级,hebei,中共某市委,某市人大常委会,"
                + "中共某市委全面依法治市委员会办公室,政府常务会议,某政呈,是" + ",zz_xss:某某:zz.xss@example.org".repeat(4) + "\n";
        assertThat(importAsAdmin(csv).getStatusCode()).isEqualTo(HttpStatus.OK);

        // And its report written in the five sections with a payload in each, a payload 文号, and internal notes
        List<String> sections = List.of(
                "（一）依法全面履行政府职能。" + SCRIPT + "全面推进政务公开。",
                "执法队伍建设不足。" + IMG,
                "党政主要负责人履行推进法治建设第一责任人职责。" + JS_URL + " " + LINK,
                "下一步将" + SVG + "规范行政执法。",
                "其他情况" + CLOSE);
        Map<String, Object> draftExtras = new HashMap<>();
        draftExtras.put("draftNote", INTERNAL + " 起草说明" + SCRIPT);
        ProcessInstance pi = fixture.atSecrecyReview("zz-xss", draftInSections(sections, null), NUMBER, draftExtras);

        // When the secrecy review releases it (with an internal comment) and it is published
        Map<String, Object> review = new HashMap<>(secrecy());
        review.put("secrecyComment", INTERNAL + " 审查意见" + SCRIPT);
        cases.complete(pi, TASK_SECRECY_REVIEW, review);
        cases.executeDueJobs();
        assertThat(pi).isWaitingAt(TASK_ARCHIVE);
        String title = ENTITY_NAME + "2025年度法治政府建设情况报告";

        // Then on every page the payloads are text: no script, no event handler, no javascript: link, no inline style
        for (String path : List.of("/public/reports", "/public/reports/zz-xss", "/public/reports/zz-xss/2025")) {
            HttpResponse<String> response = fixture.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertInert(path, response.body());
            assertThat(Jsoup.parse(response.body()).text()).as(path).contains(ENTITY_NAME).doesNotContain(INTERNAL);
        }
        Document page = Jsoup.parse(fixture.get("/public/reports/zz-xss/2025").body());
        assertThat(page.select("h1").text()).isEqualTo(title);
        assertThat(page.title()).startsWith(title);
        assertThat(page.select("dl.meta").text()).contains(NUMBER);
        String text = page.select(".report-text").text();
        PAYLOADS.forEach(p -> assertThat(text).as("shown as text: %s", p).contains(p));
        assertThat(fixture.get("/public/reports/zz-xss/2025").body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;");

        // And in the feed: well-formed Atom, the payloads escaped as text, no element but Atom's
        String feed = fixture.get("/public/reports/feed.atom").body();
        RAW.forEach(raw -> assertThat(feed).as("raw in the feed: %s", raw).doesNotContain(raw));
        assertThat(feed).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(INTERNAL);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document atom = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        NodeList all = atom.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            assertThat(all.item(i).getNamespaceURI()).isEqualTo(AtomFeed.NS);
            assertThat(all.item(i).getLocalName()).isNotIn("script", "img", "svg", "a", "p", "div");
        }
        org.w3c.dom.Element entry = (org.w3c.dom.Element) atom.getElementsByTagNameNS(AtomFeed.NS, "entry").item(0);
        assertThat(entry.getElementsByTagNameNS(AtomFeed.NS, "title").item(0).getTextContent()).isEqualTo(title);
        String content = entry.getElementsByTagNameNS(AtomFeed.NS, "content").item(0).getTextContent();
        PAYLOADS.forEach(p -> assertThat(content).contains(p));

        // And the CMS got the text as data and its HTML escaped
        PortalCms.Received sent = PortalCms.received().get(0);
        assertThat(sent.body().path("title").asText()).isEqualTo(title);
        assertThat(sent.body().path("documentNumber").asText()).isEqualTo(NUMBER);
        String html = sent.body().path("html").asText();
        RAW.forEach(raw -> assertThat(html).doesNotContain(raw));
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertInert("CMS html", html);
    }

    @Test
    void anonymousReadersMayOnlyReadAndSeeOnlyPublishedReports() {
        // Given a published report, one released but not published yet, one still at the secrecy review and one
        // kept from the public
        ProcessInstance published = fixture.atSecrecyReview("bayan-gaj", draft(false), null);
        cases.complete(published, TASK_SECRECY_REVIEW, secrecy());
        cases.executeDueJobs();
        ProcessInstance pending = fixture.atSecrecyReview("xinhua-sfj", draft(false), null);
        cases.complete(pending, TASK_SECRECY_REVIEW, secrecy());
        fixture.atSecrecyReview("bayan-yshj", draft(false), null);
        ProcessInstance notPublic = fixture.atSecrecyReview("xinhua-scjgj", draft(false), null);
        cases.complete(notPublic, TASK_SECRECY_REVIEW, secrecyNotPublic());
        assertThat(pending).isWaitingAt(SERVICE_PUBLISH_REPORT);

        // When anyone, without logging in, reads the column
        HttpResponse<String> column = fixture.get("/public/reports");
        HttpResponse<String> report = fixture.get("/public/reports/bayan-gaj/2025");
        HttpResponse<String> head = fixture.send("HEAD", "/public/reports/bayan-gaj/2025");
        HttpResponse<String> css = fixture.get("/public/assets/reports.css");

        // Then the published report is there, with the column's own policy (no inline code) and style sheet
        assertThat(column.statusCode()).isEqualTo(200);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(report.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "style-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(Jsoup.parse(report.body()).select("link[rel=stylesheet]").attr("href"))
                .isEqualTo("/public/assets/reports.css");
        assertInert("report", report.body());

        // And nothing of the other cases: not in the column, not in the feed, their pages answer 404 in Chinese
        assertThat(Jsoup.parse(column.body()).select("ul.entities li")).hasSize(1).first()
                .satisfies(li -> assertThat(li.text()).contains("巴彦县公安局"));
        String feed = fixture.get("/public/reports/feed.atom").body();
        assertThat(feed.split("<entry>", -1)).hasSize(2);
        assertThat(feed).contains("巴彦县公安局").doesNotContain("新华区", "营商环境");
        for (String path : List.of("/public/reports/xinhua-sfj/2025", "/public/reports/xinhua-sfj",
                "/public/reports/bayan-yshj/2025", "/public/reports/xinhua-scjgj/2025", "/public/reports/atlantis",
                "/public/reports/bayan-gaj/2024", "/public/reports/bayan-gaj/20x5", "/public/reports/BAYAN-GAJ/2025")) {
            HttpResponse<String> missing = fixture.get(path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.body()).as(path).contains("未找到该报告").doesNotContain("Report not found");
        }

        // When anyone tries to change anything under /public
        List<String> refused = new ArrayList<>();
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("/public/reports", "/public/reports/bayan-gaj/2025", "/public/reports/feed.atom",
                    "/public/assets/reports.css")) {
                HttpResponse<String> answer = fixture.send(method, path);
                assertThat(answer.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(answer.headers().firstValue("Allow")).hasValue("GET, HEAD");
                refused.add(method + " " + path);
            }
        }

        // Then every such request was refused and the report is unchanged
        assertThat(refused).hasSize(20);
        assertThat(fixture.get("/public/reports/bayan-gaj/2025").body()).isEqualTo(report.body());
    }

    /** No script, active element, event handler, inline style or javascript:/data: address in the HTML. */
    static void assertInert(String where, String html) {
        RAW.forEach(raw -> assertThat(html).as("%s: raw %s", where, raw).doesNotContain(raw));
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, style, iframe, object, embed, svg, img, form")).as(where).isEmpty();
        for (Element element : doc.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase();
                String value = attribute.getValue().strip().toLowerCase();
                assertThat(key).as("%s: attribute of <%s>", where, element.tagName()).doesNotStartWith("on")
                        .isNotEqualTo("style").isNotEqualTo("srcdoc");
                if (List.of("href", "src", "action", "formaction", "xlink:href").contains(key)) {
                    assertThat(value).as("%s: %s of <%s>", where, key, element.tagName())
                            .doesNotStartWith("javascript:").doesNotStartWith("data:").doesNotStartWith("vbscript:");
                }
            }
        }
    }

    private ResponseEntity<String> importAsAdmin(String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", "Fz-Test-K7q#2026-Vw");
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return rest.exchange("/api/entities/import?wait=50", HttpMethod.POST,
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), String.class);
    }
}
