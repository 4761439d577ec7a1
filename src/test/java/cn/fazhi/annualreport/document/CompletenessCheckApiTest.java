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
    void refusesEmptyBodiesPdfAndOtherTypesBilingually() {
        // Given an empty text body, a PDF upload and an octet-stream body
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
        assertThat((String) pdf.getBody().get("messageZh")).startsWith("PDF 暂不支持自动检查");
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(other.getBody()).containsEntry("error", "UnsupportedDocumentException");
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
