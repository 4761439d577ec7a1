package cn.fazhi.annualreport.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Whether a request is a page a browser opens (GET with Accept: text/html, not a script's call): such a refusal gets
 * Spring's error page in the browser's language ({@link ErrorPages}) through {@code sendError}, anything else JSON.
 */
public final class BrowserPages {

    private BrowserPages() {
    }

    public static boolean isPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (!("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) || accept == null
                || accept.length() > 1000 || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(t -> t.equalsTypeAndSubtype(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
