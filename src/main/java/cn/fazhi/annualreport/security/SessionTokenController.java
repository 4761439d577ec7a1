package cn.fazhi.annualreport.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The login session's CSRF token for the application's own pages (the desk under /desk): Camunda keeps it in the
 * session and in a cookie for /camunda only, which a page outside the webapps cannot read. Only a page of this origin
 * can read the answer (no CORS); a change through /api with the session must send it back as X-XSRF-TOKEN.
 */
@RestController
class SessionTokenController {

    @GetMapping("/api/session/csrf-token")
    ResponseEntity<Map<String, String>> token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        return token instanceof String t
                ? ResponseEntity.ok(Map.of("header", CsrfConstants.CSRF_TOKEN_HEADER_NAME, "token", t))
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("messageZh", "没有网页登录会话",
                        "messageEn", "No webapp login session"));
    }
}
