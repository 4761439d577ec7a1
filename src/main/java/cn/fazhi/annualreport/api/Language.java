package cn.fazhi.annualreport.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The language a request's reader gets a message in, from its Accept-Language: Chinese for a Chinese browser,
 * English for an English one, both ("中文 / English") when the client states neither (a script, curl).
 */
public enum Language {
    ZH, EN, BOTH;

    /** The language of the request's Accept-Language; both without a request. */
    public static Language of(HttpServletRequest request) {
        return request == null ? BOTH : of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /**
     * The first of Chinese and English in the header's order of preference (zh-CN, zh-TW, en-US, … by their language);
     * both when the header is missing, malformed or names neither.
     */
    public static Language of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 1000) {
            return BOTH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage); // sorted by weight, highest first
        } catch (IllegalArgumentException e) {
            return BOTH;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            String tag = range.getRange().toLowerCase(Locale.ROOT);
            String language = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
            if (language.equals("zh")) {
                return ZH;
            }
            if (language.equals("en")) {
                return EN;
            }
        }
        return BOTH;
    }

    /** The language of the request this thread is answering (Spring's request context); both outside a request. */
    public static Language current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? of(attributes.getRequest()) : BOTH;
    }

    /** The text in this language: Chinese, English, or "中文 / English". */
    public String pick(String zh, String en) {
        return switch (this) {
            case ZH -> zh;
            case EN -> en;
            case BOTH -> zh + " / " + en;
        };
    }

    /** For a page of a Chinese site: Chinese unless the reader asked for English. */
    public Language chineseUnlessEnglish() {
        return this == EN ? EN : ZH;
    }

    /** The page's lang attribute. */
    public String tag() {
        return this == EN ? "en" : "zh-CN";
    }
}
