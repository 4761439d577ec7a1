package cn.fazhi.annualreport.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The dev mail sink's pages: a developer opens /api/dev/mails in a browser and sees each mail as its recipient does
 * (decoded headers, the HTML body framed in a sandbox, the text, the attachments to download); a script still gets
 * JSON; a mail's own markup never runs or leaks into the application's pages.
 */
@AnnualReportTest
class MailSinkPageTest {

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail sink;
    @Autowired
    NoticeDispatcher dispatcher;
    @Autowired
    JavaMailSender smtp;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestCases cases;

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        dispatcher.dispatchDue(); // nothing left over from other tests
        sink.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void aDeveloperSeesTheNoticeAsItsRecipientDoesAndAScriptGetsJson() throws Exception {
        // Given 巴彦县公安局's case started: its drafter was mailed 【待认领】 with the deadline as a calendar file
        cases.start("bayan-gaj", 2025);
        dispatcher.dispatchDue();
        assertThat(sink.getReceivedMessages()).hasSize(1);

        // When a script lists the mails
        HttpResponse<String> listed = get("/api/dev/mails", "application/json");

        // Then it gets JSON: the mail's id, decoded sender, recipient and subject, its text and attachments
        assertThat(listed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode mail = new ObjectMapper().readTree(listed.body()).get(0);
        int id = mail.get("id").asInt();
        assertThat(mail.get("from").asText()).isEqualTo("法治政府建设年度报告系统 <noreply@example.org>");
        assertThat(mail.get("to").get(0).asText()).endsWith("<bayan.gaj.staff@example.org>");
        assertThat(mail.get("subject").asText()).startsWith("【待认领】").contains("起草年度报告");
        assertThat(mail.get("text").asText()).contains("/camunda/app/tasklist/default/#/?task=");
        assertThat(mail.get("attachments").get(0).asText()).isEqualTo("deadline.ics");

        // When a developer opens the same address in a browser
        Document list = Jsoup.parse(get("/api/dev/mails", HTML).body());

        // Then a page lists the mail with its date in Beijing time, sender, recipient and subject in words
        Element row = list.selectFirst("#mails tbody tr[data-id=" + id + "]");
        assertThat(row).isNotNull();
        assertThat(row.select("td").get(0).text()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(row.text()).contains("法治政府建设年度报告系统 <noreply@example.org>", "bayan.gaj.staff@example.org",
                "【待认领】").doesNotContain("=?");

        // When they open the mail
        String mailPath = row.selectFirst("a").attr("href");
        HttpResponse<String> page = get(mailPath, HTML);
        Document shown = Jsoup.parse(page.body());

        // Then they read its headers and text, and its HTML in a frame sandboxed against scripts and same-origin access
        assertThat(shown.select("#subject").text()).startsWith("【待认领】");
        assertThat(shown.select("#from").text()).isEqualTo("法治政府建设年度报告系统 <noreply@example.org>");
        assertThat(shown.select("#date").text()).isEqualTo(row.select("td").get(0).text() + "（北京时间）");
        assertThat(shown.select("#text").text()).contains("起草年度报告");
        Element frame = shown.selectFirst("iframe#html");
        assertThat(frame.attr("sandbox")).doesNotContain("allow-scripts", "allow-same-origin");
        HttpResponse<String> html = get(frame.attr("src"), HTML);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(html.body()).text()).contains("【待认领】", "起草年度报告", "在任务列表中打开");
        assertThat(html.headers().allValues("Content-Security-Policy")).singleElement()
                .satisfies(csp -> assertThat(csp).startsWith("sandbox").doesNotContain("allow-scripts", "script-src"));
        assertThat(html.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");

        // And the calendar file downloads under its name
        Element attachment = shown.selectFirst("#attachments a");
        assertThat(attachment.text()).isEqualTo("deadline.ics");
        HttpResponse<String> ics = get(attachment.attr("href"), "*/*");
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .startsWith("attachment").contains("deadline.ics"));
        assertThat(ics.body()).startsWith("BEGIN:VCALENDAR");
    }

    @Test
    void aMailsOwnMarkupNeverRunsOrEntersTheApplicationsPages() throws Exception {
        // Given a mail with markup in its subject and sender's name, a script and an event handler in its HTML, and an
        // attachment whose name is Chinese
        MimeMessage message = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(new InternetAddress("x@example.org", "<b>发件人</b>", "UTF-8"));
        helper.setTo("bayan.owner@example.org");
        helper.setSubject("<script>alert(1)</script>通知");
        helper.setText("纯文本：<script>alert(2)</script>", "<html><head></head><body><p style=\"color:#d35400\">"
                + "橙色的正文</p><script>alert(3)</script><img src=\"x\" onerror=\"alert(4)\"></body></html>");
        helper.addAttachment("报送回执.txt", new ByteArrayResource("回执内容".getBytes(StandardCharsets.UTF_8)));
        smtp.send(message);

        // When a developer opens the list and the mail
        Document list = Jsoup.parse(get("/api/dev/mails", HTML).body());
        HttpResponse<String> page = get(list.selectFirst("#mails tbody tr a").attr("href"), HTML);
        Document shown = Jsoup.parse(page.body());

        // Then the markup is shown as text, and no script is in either page; the pages allow no script at all
        assertThat(list.select("script, b")).isEmpty();
        assertThat(list.select("#mails tbody tr a").text()).isEqualTo("<script>alert(1)</script>通知");
        assertThat(shown.select("script, b, img")).isEmpty();
        assertThat(shown.select("#from").text()).isEqualTo("<b>发件人</b> <x@example.org>");
        assertThat(shown.select("#text").text()).isEqualTo("纯文本：<script>alert(2)</script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'none'").doesNotContain("script-src"));

        // And the mail's HTML, served as it came, runs in a sandbox that allows no script, and loads nothing
        HttpResponse<String> html = get(shown.selectFirst("iframe#html").attr("src"), HTML);
        assertThat(html.body()).contains("橙色的正文", "<script>alert(3)</script>");
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("sandbox").contains("default-src 'none'", "style-src 'unsafe-inline'")
                .doesNotContain("allow-scripts", "script-src"));

        // And the attachment downloads under its Chinese name
        Element attachment = shown.selectFirst("#attachments a");
        assertThat(attachment.text()).isEqualTo("报送回执.txt");
        HttpResponse<String> file = get(attachment.attr("href"), "*/*");
        assertThat(file.body()).isEqualTo("回执内容");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .contains("filename*=UTF-8''%E6%8A%A5%E9%80%81%E5%9B%9E%E6%89%A7.txt"));

        // And a mail or attachment the sink does not have answers 404
        assertThat(get("/api/dev/mails/9999", HTML).statusCode()).isEqualTo(404);
        assertThat(get("/api/dev/mails/0/attachments/7", "*/*").statusCode()).isEqualTo(404);
        assertThat(get("/api/dev/mails/x/html", HTML).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("bayan_owner:demo".getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
