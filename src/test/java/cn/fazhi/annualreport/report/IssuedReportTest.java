package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * The issued report is the one filed, published and archived: 巴彦县公安局's office hands in the sealed OFD (or a
 * sealed scan as PDF) at 签发, as Tasklist does; the filing package carries those bytes, the public column its text
 * (the approved draft's for a scan), the archive the file; anything but a PDF, OFD or .docx is refused.
 */
@AnnualReportTest
class IssuedReportTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    /** A line only the issued text has: the public column shows the issued report, not the draft. */
    private static final String ISSUED_ONLY = "本报告经局党委会议审议通过，现予印发。";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;

    TestCases cases;
    ProcessInstance pi;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 20, 10, 0));
        pi = cases.start("bayan-gaj", 2025);
        TaskService tasks = engine.getTaskService();
        tasks.complete(cases.task(pi, TASK_DRAFT).getId(), TestCases.draft(false));
        tasks.complete(cases.task(pi, TASK_INTERNAL_REVIEW).getId(), TestCases.internalReview("APPROVE"));
        tasks.complete(cases.task(pi, TASK_LEADERSHIP_MEETING).getId(), TestCases.meeting("APPROVE"));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void theSealedOfdHandedInAtIssuanceIsFiledPublishedAndArchived() throws Exception {
        // Given the sealed OFD of the report as issued
        byte[] ofd = ofd(TestCases.DRAFT_TEXT.strip() + "\n" + ISSUED_ONLY);

        // When the office signs and issues, handing it in through the form
        ResponseEntity<Map<String, Object>> issued = issue("巴公呈〔2026〕3号.ofd", ofd);

        // Then the case shows the issued report, readable, with its text
        assertThat(issued.getStatusCode()).as(String.valueOf(issued.getBody())).isEqualTo(HttpStatus.NO_CONTENT);
        Map<?, ?> shown = (Map<?, ?>) get("bayan_gaj_head", "/api/reports/bayan-gaj/2025").getBody().get("issuedReport");
        assertThat(shown.get("fileName")).isEqualTo("巴公呈〔2026〕3号.ofd");
        assertThat(shown.get("mediaType")).isEqualTo("application/ofd");
        assertThat(shown.get("hasText")).isEqualTo(true);
        assertThat(download("bayan_gaj_head", (String) shown.get("href")).getBody()).isEqualTo(ofd);
        // and it never became a process variable
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(VAR_ISSUED_REPORT).count()).isZero();

        // When the filing package for the county's party committee is downloaded
        byte[] filingPackage = download("bayan_gaj_staff", "/api/reports/bayan-gaj/2025/filing-package?recipient="
                + java.net.URLEncoder.encode("中共巴彦县委", StandardCharsets.UTF_8)).getBody();

        // Then it carries the sealed OFD, byte for byte
        assertThat(unzip(filingPackage).entrySet()).filteredOn(e -> e.getKey().startsWith("02-")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getKey()).endsWith(".ofd");
                    assertThat(e.getValue()).isEqualTo(ofd);
                });

        // When the rest of the cycle runs: filing, the secrecy review releasing the full text, publication, archive
        runToTheEnd();

        // Then the public column shows the issued text, and the archive keeps the OFD as the official report
        assertThat(rest.getForEntity("/public/reports/bayan-gaj/2025", String.class).getBody()).contains(ISSUED_ONLY);
        Map<String, byte[]> archive = unzip(download("bayan_gaj_head", "/api/reports/bayan-gaj/2025/archive").getBody());
        assertThat(archive.entrySet()).filteredOn(e -> e.getKey().startsWith("01-正式报告-")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo(ofd));
        assertThat(new String(archive.get("00-归档说明.txt"), StandardCharsets.UTF_8)).contains("签发时上传的盖章版");
    }

    @Test
    void aSealedScanWithoutTextIsTakenAndThePublicColumnShowsTheApprovedDraftsText() throws Exception {
        // Given the sealed report scanned to a PDF without a text layer
        byte[] scan = scannedPdf();

        // When the office hands it in at issuance and the cycle runs to its end
        assertThat(issue("盖章扫描件.pdf", scan).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        runToTheEnd();

        // Then the scan is the official file, marked without text, and the public column shows the approved draft
        Map<?, ?> shown = (Map<?, ?>) get("bayan_gaj_head", "/api/reports/bayan-gaj/2025").getBody().get("issuedReport");
        assertThat(shown.get("hasText")).isEqualTo(false);
        assertThat(rest.getForEntity("/public/reports/bayan-gaj/2025", String.class).getBody())
                .contains("执法队伍建设还需加强");
        assertThat(new String(unzip(download("bayan_gaj_head", "/api/reports/bayan-gaj/2025/archive").getBody())
                .get("00-归档说明.txt"), StandardCharsets.UTF_8)).contains("扫描件无文字");
    }

    @Test
    void anythingButASealedPdfOfdOrWordDocumentIsRefusedAndTheIssuanceStaysOpen() throws Exception {
        // When the office hands in plain text, a Word file named .pdf, or a program
        ResponseEntity<Map<String, Object>> text = issue("正式文本.txt", "正式文本".getBytes(StandardCharsets.UTF_8));
        ResponseEntity<Map<String, Object>> misnamed = issue("正式文本.pdf", ofd("正式文本"));
        ResponseEntity<Map<String, Object>> program = issue("正式文本.ofd", new byte[] {'M', 'Z', 0, 0, 1, 2, 3});

        // Then each is refused with the reason in both languages, and nothing is issued
        assertThat(text.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(text.getBody().get("message").toString()).contains("PDF、OFD", "not plain text");
        assertThat(misnamed.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(misnamed.getBody().get("message").toString()).contains("扩展名与内容不符");
        assertThat(program.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(cases.tasks(pi, TASK_SIGN_AND_ISSUE)).hasSize(1);
        assertThat(get("bayan_gaj_head", "/api/reports/bayan-gaj/2025").getBody().get("issuedReport")).isNull();
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** 签发 as Tasklist submits it: the three fields, and the sealed report as a transient file. */
    private ResponseEntity<Map<String, Object>> issue(String fileName, byte[] content) {
        TestCases.setClock(LocalDateTime.of(2026, 2, 25, 10, 0)); // issued on the day it is dated
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("issuedBy", Map.of("value", "姜局长", "type", "String"));
        variables.put("issueDate", Map.of("value", "2026-02-25", "type", "String"));
        variables.put("issuedReport", Map.of("type", "File", "value", Base64.getEncoder().encodeToString(content),
                "valueInfo", Map.of("filename", fileName, "mimeType", "application/octet-stream", "transient", true)));
        return rest.exchange("/engine-rest/task/" + cases.task(pi, TASK_SIGN_AND_ISSUE).getId() + "/submit-form",
                HttpMethod.POST, new HttpEntity<>(Map.of("variables", variables), auth("bayan_gaj_staff")), JSON);
    }

    private void runToTheEnd() {
        TaskService tasks = engine.getTaskService();
        for (Task t : engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list()) {
            if (t.getTaskDefinitionKey().equals(TASK_FILE) || t.getTaskDefinitionKey().equals(TASK_COPY)) {
                tasks.complete(t.getId(), TestCases.filing("R-" + t.getId()));
            }
        }
        tasks.complete(cases.task(pi, TASK_SECRECY_REVIEW).getId(), TestCases.secrecy());
        cases.executeDueJobs();
        tasks.complete(cases.task(pi, TASK_ARCHIVE).getId(), TestCases.archive());
        cases.executeDueJobs();
    }

    /** An OFD document (GB/T 33190) of one page, one text object per line. */
    private static byte[] ofd(String text) throws IOException {
        StringBuilder content = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content><ofd:Layer ID=\"2\">");
        int id = 10;
        int y = 20;
        for (String line : text.split("\n")) {
            content.append("<ofd:TextObject ID=\"").append(id++).append("\" Boundary=\"20 ").append(y)
                    .append(" 170 8\" Font=\"3\" Size=\"5.6\"><ofd:TextCode X=\"0\" Y=\"5\">")
                    .append(line.replace("&", "&amp;").replace("<", "&lt;")).append("</ofd:TextCode></ofd:TextObject>");
            y += 8;
        }
        content.append("</ofd:Layer></ofd:Content></ofd:Page>");
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("OFD.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\""
                + " Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>a1</ofd:DocID></ofd:DocInfo>"
                + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>");
        entries.put("Doc_0/Document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document"
                + " xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID>"
                + "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
                + "<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>");
        entries.put("Doc_0/Pages/Page_0/Content.xml", content.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A PDF page with only drawing on it, as a scanner's image-only PDF has no text either. */
    private static byte[] scannedPdf() throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                stream.addRect(100, 100, 200, 200);
                stream.fill();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private ResponseEntity<Map<String, Object>> get(String user, String url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user)), JSON);
    }

    private ResponseEntity<byte[]> download(String user, String url) {
        return rest.exchange(java.net.URI.create(rest.getRootUri() + url), HttpMethod.GET,
                new HttpEntity<>(auth(user)), byte[].class);
    }

    private static HttpHeaders auth(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return headers;
    }
}
