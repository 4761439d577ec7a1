package cn.fazhi.annualreport.api;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring's own error answers (no such path 404, a method the path does not take 405, a body type it does not read
 * 415, …: refused before any of the application's controllers) with the fields the application's refusals carry:
 * {@code message} in the reader's language, {@code messageZh} and {@code messageEn}; never the exception or its trace.
 */
@Component
class BilingualErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options.excluding(
                ErrorAttributeOptions.Include.EXCEPTION, ErrorAttributeOptions.Include.STACK_TRACE,
                ErrorAttributeOptions.Include.MESSAGE, ErrorAttributeOptions.Include.BINDING_ERRORS));
        int status = attributes.get("status") instanceof Integer s ? s : 500;
        Bilingual words = words(status);
        attributes.put("messageZh", words.zh());
        attributes.put("messageEn", words.en());
        attributes.put("message", words.in(Language.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))));
        return attributes;
    }

    /** What an error of this status means, in both languages. */
    static Bilingual words(int status) {
        return switch (status) {
            case 400 -> new Bilingual("请求格式不正确", "Malformed request");
            case 401 -> new Bilingual("请先登录", "Authentication required");
            case 403 -> new Bilingual("无权进行此操作", "Forbidden");
            case 404 -> new Bilingual("没有这个地址", "No such address");
            case 405 -> new Bilingual("该地址不支持此请求方法", "This address does not take that method");
            case 406 -> new Bilingual("无法以所要求的格式答复", "Cannot answer in the accepted format");
            case 413 -> new Bilingual("请求过大", "Request too large");
            case 415 -> new Bilingual("请求体格式不受支持（请使用 application/json）",
                    "Unsupported request body type (use application/json)");
            case 501 -> new Bilingual("服务器不支持此请求", "Not implemented");
            case 505 -> new Bilingual("不支持的 HTTP 版本", "HTTP version not supported");
            default -> status >= 500 ? new Bilingual("服务器内部错误，请稍后再试或联系管理员",
                    "Internal error; try again later or tell the administrators")
                    : new Bilingual("请求被拒绝", "Request refused");
        };
    }
}
