package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * The servlet container's own error answers in the application's words. Tomcat refuses some addresses before the
 * application sees them — an encoded slash ({@code %2F}), a broken {@code %} escape, a raw byte that is no character
 * — and answered them with its English HTML page naming its version. This valve, in its place on the host, answers them
 * as the application answers a bad request: a JSON body with {@code messageZh} and {@code messageEn} ({@link ApiError}),
 * or a short page in the browser's language when the client asks for HTML. Anything the application already answered
 * is left as it is.
 */
final class ContainerErrorReport extends ErrorReportValve {

    private final ObjectMapper json;

    ContainerErrorReport(ObjectMapper json) {
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        Language language = Language.of(request.getHeader("Accept-Language"));
        Bilingual title = BilingualErrorAttributes.words(status);
        Bilingual message = message(status, response.getMessage());
        String accept = request.getHeader("Accept");
        try {
            String body;
            if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
                response.setContentType("text/html");
                body = page(language, status, title, message);
            } else {
                response.setContentType("application/json");
                body = json.writeValueAsString(ApiError.of(language, status, reason(status), message.zh(),
                        message.en(), List.of()));
            }
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer already started: nothing more can be said
        }
    }

    /** What went wrong, as far as Tomcat's own reason tells: the address, or the request's form. */
    static Bilingual message(int status, String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (status == 400 && (r.contains("uri") || r.contains("request target") || r.contains("encoded slash"))) {
            return new Bilingual("地址含有服务器不接受的字符或转义（例如 %2F 或不完整的 % 转义），请检查地址",
                    "The address holds a character or escape the server does not take (such as %2F or a broken %"
                            + " escape); check the address");
        }
        return switch (status) {
            case 400 -> new Bilingual("请求不符合 HTTP 的规定（请求行、请求头或请求体有误），服务器无法处理",
                    "The request breaks HTTP's rules (its request line, a header or its body); the server cannot"
                            + " process it");
            case 501 -> new Bilingual("服务器不支持该请求方法或传输编码", "The server does not support this method or"
                    + " transfer coding");
            case 505 -> new Bilingual("服务器不支持该 HTTP 版本（请使用 HTTP/1.1）",
                    "The server does not support this HTTP version (use HTTP/1.1)");
            default -> BilingualErrorAttributes.words(status);
        };
    }

    private static String page(Language language, int status, Bilingual title, Bilingual message) {
        String heading = HtmlUtils.htmlEscape(language.pick(title.zh(), title.en()));
        String text = HtmlUtils.htmlEscape(language.pick(message.zh(), message.en()));
        return "<!doctype html><html lang=\"" + language.tag() + "\"><head><meta charset=\"utf-8\"><title>" + heading
                + "</title></head><body><h1>" + heading + "</h1><p>" + text + "</p><p>"
                + (language == Language.EN ? "Error code " : "错误代码：") + status + "</p></body></html>";
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? String.valueOf(status) : known.getReasonPhrase();
    }
}
