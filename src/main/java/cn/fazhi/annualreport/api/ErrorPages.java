package cn.fazhi.annualreport.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring's error page for a browser (Accept: text/html) instead of the English Whitelabel page: what went wrong and a
 * link back, in Chinese for a Chinese browser and in English for an English one, without any exception or trace.
 * Under the public column (/public) it is Chinese unless the browser asks for English, and links to the column.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    private final String tasklist;

    ErrorPages(CamundaBpmProperties camunda) {
        this.tasklist = camunda.getWebapp().getApplicationPath() + "/app/tasklist/";
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String path = model.get("path") instanceof String p ? p.substring(Math.min(p.length(),
                request.getContextPath().length())) : "";
        boolean column = path.equals("/public") || path.startsWith("/public/");
        Language language = column ? Language.of(request).chineseUnlessEnglish() : Language.of(request);
        Bilingual title = BilingualErrorAttributes.words(status.value());
        Bilingual advice = advice(status.value());
        Bilingual back = column ? new Bilingual("返回公开专栏首页", "Back to the public column")
                : new Bilingual("返回任务列表", "Back to Tasklist");
        Map<String, Object> page = new HashMap<>();
        page.put("lang", language.tag());
        page.put("status", status.value());
        page.put("code", (language == Language.EN ? "Error code " : "错误代码：") + status.value());
        page.put("title", language == Language.EN ? title.en() : title.zh());
        page.put("advice", language == Language.EN ? advice.en() : advice.zh());
        page.put("back", language == Language.EN ? back.en() : back.zh());
        page.put("backHref", column ? request.getContextPath() + "/public/reports" : request.getContextPath() + tasklist);
        if (language == Language.BOTH) { // a browser that names no language gets the English beneath
            page.put("titleEn", title.en());
            page.put("adviceEn", advice.en());
            page.put("backEn", back.en());
        }
        return new ModelAndView("error/page", page, status);
    }

    private static Bilingual advice(int status) {
        return switch (status) {
            case 400 -> new Bilingual("地址或提交的内容有误，请返回后重新操作。",
                    "The address or what was sent is not valid; go back and try again.");
            case 401 -> new Bilingual("请先登录后再打开此页面。", "Log in first, then open this page again.");
            case 403 -> new Bilingual("您的账号无权打开此页面。如需使用，请联系本单位的系统管理员。",
                    "Your account may not open this page; ask your administrators if you need it.");
            case 404 -> new Bilingual("您要打开的页面不存在，请检查地址是否正确。",
                    "The page you asked for does not exist; check the address.");
            case 405 -> new Bilingual("此页面不能以这种方式打开，请从任务列表中的链接进入。",
                    "This page cannot be opened that way; follow a link from Tasklist.");
            default -> status >= 500 ? new Bilingual("请稍后再试；如果问题持续出现，请联系系统管理员。",
                    "Try again later; if it keeps happening, tell the administrators.")
                    : new Bilingual("请返回后重新操作。", "Go back and try again.");
        };
    }
}
