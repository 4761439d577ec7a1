package cn.fazhi.annualreport.document;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** POST /api/completeness-check with text/plain and multipart bodies, and its refusals. */
@AnnualReportTest
class CompletenessCheckApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;

    @Test
    @SuppressWarnings("unchecked")
    void checksAPlainTextReport() throws IOException {
        // Given 新华区's report as a text/plain body
        HttpHeaders headers = owner();
        headers.setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        byte[] body = Files.readAllBytes(Path.of("../shared/reports/xinhua-district-2020.txt"));

        // When posted
        ResponseEntity<Map<String, Object>> response = post(new HttpEntity<>(body, headers));

        // Then the five items come back, 1–4 present, 5 absent
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("complete", true);
        List<Map<String, Object>> items = (List<Map<String, Object>>) response.getBody().get("items");
        assertThat(items).extracting(i -> i.get("number")).containsExactly(1, 2, 3, 4, 5);
        assertThat(items).extracting(i -> i.get("present")).containsExactly(true, true, true, true, false);
        assertThat(items.get(1)).containsEntry("nameZh", "存在的不足和原因").containsEntry("required", true)
                .containsEntry("evidence", "二、存在的问题").containsEntry("line", 23);
        assertThat(items.get(4)).containsEntry("required", false).containsEntry("line", null)
                .containsKeys("nameEn", "evidence");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReportOfAnotherYearAndEntityComesBackWithWarningsAndEveryItemsState() throws IOException {
        // Given 新华区's 2020 report posted for a 2025 case of 巴彦县人民政府
        HttpHeaders headers = owner();
        headers.setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        byte[] body = Files.readAllBytes(Path.of("../shared/reports/xinhua-district-2020.txt"));

        // When posted with the case's year and entity
        ResponseEntity<Map<String, Object>> response = rest.exchange(
                CompletenessCheckController.PATH + "?year=2025&entity={entity}", HttpMethod.POST,
                new HttpEntity<>(body, headers), JSON, "巴彦县人民政府");

        // Then the items carry their state and reason, and both mismatches are warnings with the title as evidence
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> items = (List<Map<String, Object>>) response.getBody().get("items");
        assertThat(items).extracting(i -> i.get("state"))
                .containsExactly("PRESENT", "PRESENT", "PRESENT", "PRESENT", "ABSENT");
        assertThat(items).allSatisfy(i -> assertThat(i).containsKeys("reasonZh", "reasonEn"));
        assertThat(response.getBody()).containsEntry("truncated", false);
        List<Map<String, Object>> warnings = (List<Map<String, Object>>) response.getBody().get("warnings");
        assertThat(warnings).extracting(w -> w.get("code")).containsExactly("YEAR_MISMATCH", "ENTITY_MISMATCH");
        assertThat(warnings).allSatisfy(w -> assertThat(w).containsEntry("line", 1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void checksAnUploadedFileWithoutShortcomings() {
        // Given a report without shortcomings, uploaded in GB18030 as part "file"
        String text = CompletenessCheckerTest.SHORT_REPORT.replace("二、存在的不足和原因\n一是执法队伍建设还需加强。\n", "");
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(text.getBytes(java.nio.charset.Charset.forName("GB18030"))) {
            @Override
            public String getFilename() {
                return "报告.txt";
            }
        });
        HttpHeaders headers = owner();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        // When posted
        ResponseEntity<Map<String, Object>> response = post(new HttpEntity<>(parts, headers));

        // Then it is incomplete, item 2 absent
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("complete", false);
        List<Map<String, Object>> items = (List<Map<String, Object>>) response.getBody().get("items");
        assertThat(items.get(1)).containsEntry("number", 2).containsEntry("present", false);
    }

    @Test
    void refusesEmptyBodiesDamagedPdfAndOtherTypesBilingually() {
        // Given an empty text body, a damaged PDF upload and an octet-stream body
        HttpHeaders text = owner();
        text.setContentType(MediaType.TEXT_PLAIN);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public String getFilename() {
                return "report.pdf";
            }
        });
        HttpHeaders multipart = owner();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        HttpHeaders octets = owner();
        octets.setContentType(MediaType.APPLICATION_OCTET_STREAM);

        // When posted
        ResponseEntity<Map<String, Object>> empty = post(new HttpEntity<>(new byte[0], text));
        ResponseEntity<Map<String, Object>> pdf = post(new HttpEntity<>(parts, multipart));
        ResponseEntity<Map<String, Object>> other = post(new HttpEntity<>(new byte[] {1, 2, 3}, octets));

        // Then 400 for the empty body and 415 for the others, with the project's bilingual error
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody()).containsEntry("status", 400).containsEntry("error", "InvalidDocumentException")
                .containsEntry("messageZh", "报告内容为空").containsKey("messageEn");
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat((String) pdf.getBody().get("messageZh")).startsWith("无法读取 PDF 文件「report.pdf」");
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(other.getBody()).containsEntry("error", "UnsupportedDocumentException");
    }

    @Test
    @SuppressWarnings("unchecked")
    void checksAPdfUploadAndTheSectionsOfTheDraftForm() throws IOException {
        // Given the short report as a PDF upload, and the draft form's five sections with the shortcomings left out
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", file(Files.readAllBytes(Path.of("src/test/resources/documents/short-report.pdf")), "报告.pdf"));
        HttpHeaders multipart = owner();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        HttpHeaders json = owner();
        json.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> sections = Map.of("title", "某县人民政府2025年度法治政府建设情况报告",
                "sections", List.of("全面推行行政执法三项制度。", "", "县长认真履行第一责任人职责。", "下一步继续深化改革。", ""));

        // When both are posted
        ResponseEntity<Map<String, Object>> pdf = post(new HttpEntity<>(parts, multipart));
        ResponseEntity<Map<String, Object>> form = post(new HttpEntity<>(sections, json));

        // Then the PDF's text is checked (complete), and the sections as the draft task renders them: item 2 missing
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getBody()).containsEntry("complete", true);
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> items = (List<Map<String, Object>>) form.getBody().get("items");
        assertThat(items).extracting(i -> i.get("present")).containsExactly(true, false, true, true, false);
        assertThat(items.get(0)).containsEntry("evidence", "一、上一年度推进法治政府建设的主要举措和成效");
        assertThat(items.get(2).get("evidence").toString()).startsWith("二、党政主要负责人履行推进法治建设第一责任人职责");
    }

    @Test
    void aReportAboveTheLimitIsRefusedWith413() {
        // Given a text body and a multipart file of 20 MB + 1 byte (report.documents.max-size is 20MB)
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        HttpHeaders text = owner();
        text.setContentType(MediaType.TEXT_PLAIN);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", file(big, "big.txt"));
        HttpHeaders multipart = owner();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);

        // When posted
        ResponseEntity<Map<String, Object>> body = post(new HttpEntity<>(big, text));
        ResponseEntity<Map<String, Object>> upload = post(new HttpEntity<>(parts, multipart));

        // Then both are 413 with the bilingual message naming the limit
        assertThat(body.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(body.getBody().get("message").toString()).contains("20 MB");
        assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(upload.getBody().get("message").toString()).contains("20 MB").contains("/");
    }

    private static ByteArrayResource file(byte[] content, String name) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    @Test
    void anonymousCallersAreRefused() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_PLAIN);
        assertThat(rest.postForEntity(CompletenessCheckController.PATH, new HttpEntity<>("一、主要举措", headers),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<Map<String, Object>> post(HttpEntity<?> request) {
        return rest.exchange(CompletenessCheckController.PATH, HttpMethod.POST, request, JSON);
    }

    private static HttpHeaders owner() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("bayan_owner", "demo");
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return headers;
    }
}
