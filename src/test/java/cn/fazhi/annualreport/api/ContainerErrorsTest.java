package cn.fazhi.annualreport.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Addresses the servlet container refuses before the application sees them, sent byte for byte as a hostile client
 * does (a socket, no client library to tidy them): the answer is a 400 in the application's words, never Tomcat's page.
 */
@AnnualReportTest
class ContainerErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void anEncodedSlashOrABrokenEscapeGetsABilingualJsonRefusal() throws Exception {
        for (String path : new String[] {"/api/reports/bayan%2f2025", "/api/admin%2Fmigrations/plan",
                "/engine-rest/task/x%2Fcomplete", "/api/reports/%zz", "/api/reports/bayan/2025%"}) {
            // When a script asks for the address with an API client's Accept header
            Answer answer = send(path, "application/json", "zh-CN,zh;q=0.9");

            // Then it gets a 400 with both languages, and nothing names the server
            assertThat(answer.status()).as(path).isEqualTo(400);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("status").asInt()).as(path).isEqualTo(400);
            assertThat(body.get("messageZh").asText()).as(path).contains("地址");
            assertThat(body.get("messageEn").asText()).as(path).contains("address");
            assertThat(body.get("message").asText()).as(path).isEqualTo(body.get("messageZh").asText());
            assertThat(answer.body()).as(path).doesNotContain("Tomcat");
        }
    }

    @Test
    void aBrowserGetsAPageInItsLanguage() throws Exception {
        // When a Chinese browser, then an English one, opens an address with an encoded slash
        Answer chinese = send("/desk/case.html%2f..", "text/html,application/xhtml+xml", "zh-CN,zh;q=0.9");
        Answer english = send("/desk/case.html%2f..", "text/html,application/xhtml+xml", "en-US,en;q=0.9");

        // Then each reads a short page in its language, without Tomcat's
        assertThat(chinese.status()).isEqualTo(400);
        assertThat(chinese.body()).contains("lang=\"zh-CN\"", "请求格式不正确", "错误代码：400").doesNotContain("Tomcat");
        assertThat(english.status()).isEqualTo(400);
        assertThat(english.body()).contains("lang=\"en\"", "Malformed request", "Error code 400")
                .doesNotContain("Tomcat");
    }

    @Test
    void aQueryParameterTheContainerWouldDropIsRefusedNotIgnored() throws Exception {
        // When a 通报 is asked for a region, a day or a status spelt with a broken escape, or a value without a name
        for (String path : new String[] {"/api/reports/late?year=2025&under=bayan%zz",
                "/api/reports/late?year=2025&at=2026-06-01%", "/api/reports/late.docx?year=2025&under=bayan%2",
                "/api/mail-log?status=%zz", "/api/reports?=2025", "/api/reports?year=2025&under=%C0%AF",
                "/camunda/app/tasklist/default/?task=%e4%b8"}) {
            Answer answer = send(path, "application/json", "zh-CN");

            // Then the answer is a 400 that names the pair, instead of a 200 for whatever the rest says
            assertThat(answer.status()).as(path).isEqualTo(400);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("messageZh").asText()).as(path).startsWith("地址中的查询参数无效");
            assertThat(body.get("messageEn").asText()).as(path).startsWith("A query parameter of the address");
        }
        // a browser opening such a link reads the error page in its language
        Answer page = send("/desk/index.html?year=2025&under=bayan%zz", "text/html,application/xhtml+xml", "zh-CN");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("lang=\"zh-CN\"", "地址或提交的内容有误").doesNotContain("Tomcat");
        // a trailing or doubled & is no parameter, and Chinese spelt right is taken
        assertThat(QueryStringFilter.fault("year=2025&&under=bayan&")).isEmpty();
        assertThat(QueryStringFilter.fault("q=%E5%B7%B4%E5%BD%A6&year")).isEmpty();
    }

    @Test
    void aRequestThatBreaksHttpIsToldSoNotBlamedOnItsAddress() throws Exception {
        // When a client speaks an HTTP version the server does not, or sends no Host header
        Answer version = raw("GET /api/reports HTTP/1.2\r\nHost: localhost\r\nAccept: application/json\r\n"
                + "Connection: close\r\n\r\n");
        Answer noHost = raw("GET /api/reports HTTP/1.1\r\nAccept: TEXT/HTML\r\nAccept-Language: zh-CN\r\n"
                + "Connection: close\r\n\r\n");

        // Then each is told what is wrong in both languages, an HTML reader with a page
        assertThat(version.status()).isEqualTo(505);
        assertThat(JSON.readTree(version.body()).get("messageEn").asText()).contains("HTTP version");
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.body()).contains("<h1>请求格式不正确</h1>", "HTTP").doesNotContain("地址含有", "Tomcat");
    }

    @Test
    void whatTheApplicationAnswersItselfIsLeftAsItIs() throws Exception {
        // When an address the application knows answers 401 without a login
        Answer answer = send("/api/reports?year=2025", "application/json", "en");

        // Then its own body comes through, not the container's
        assertThat(answer.status()).isEqualTo(401);
        assertThat(JSON.readTree(answer.body()).get("messageEn").asText()).doesNotContain("address");
    }

    private Answer send(String path, String accept, String language) throws IOException {
        return raw("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: " + accept
                + "\r\nAccept-Language: " + language + "\r\nConnection: close\r\n\r\n");
    }

    private Answer raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int start = text.indexOf("\r\n\r\n");
            String body = start < 0 ? "" : text.substring(start + 4);
            if (text.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(status, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            // sizes count bytes: cut by bytes
            byte[] rest = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
            out.append(chunk);
            at = lineEnd + 2 + chunk.length() + 2;
        }
        return out.toString();
    }

    private record Answer(int status, String body) {
    }
}
