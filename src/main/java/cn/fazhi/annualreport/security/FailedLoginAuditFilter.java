package cn.fazhi.annualreport.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs every refused login at WARN with channel, user id, remote address and status — never the password: the
 * webapps' login form (a non-2xx answer to POST …/api/admin/auth/user/{engine}/login/{app}) and HTTP Basic on
 * /engine-rest, /api and /actuator (a 401 answer to a request that carried Basic credentials).
 */
class FailedLoginAuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailedLoginAuditFilter.class);
    /** Enough for any login form; the capture never holds more. */
    private static final int FORM_CAPTURE_LIMIT = 4096;
    private static final int MAX_LOGGED_USER_ID = 64;

    private final Pattern webappLogin;

    /** @param webappPath Camunda's webapp path, camunda.bpm.webapp.application-path (e.g. {@code /camunda}) */
    FailedLoginAuditFilter(String webappPath) {
        this.webappLogin = Pattern.compile(Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+/?");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPath.of(request);
        if ("POST".equals(request.getMethod()) && webappLogin.matcher(path).matches()) {
            CapturingRequest capturing = new CapturingRequest(request);
            chain.doFilter(capturing, response);
            int status = response.getStatus();
            // a login refused before its credentials were read (e.g. without CSRF token) is no failed login
            if ((status < 200 || status > 299) && capturing.wasRead()) {
                warn("webapp", capturing.formValue("username"), request, status);
            }
            return;
        }
        String channel = channel(path);
        String basicUser = channel == null ? null
                : BasicCredentials.of(request).map(BasicCredentials::userId)
                        .orElse(BasicCredentials.present(request) ? "" : null);
        chain.doFilter(request, response);
        if (basicUser != null && response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            warn(channel, basicUser, request, HttpServletResponse.SC_UNAUTHORIZED);
        }
    }

    private static String channel(String path) {
        if (RequestPath.isUnder(path, "/engine-rest")) {
            return "engine-rest";
        }
        if (RequestPath.isUnder(path, "/api")) {
            return "api";
        }
        if (RequestPath.isUnder(path, "/actuator")) {
            return "actuator";
        }
        return null;
    }

    private static void warn(String channel, String userId, HttpServletRequest request, int status) {
        log.warn("Failed login (登录失败): channel={} user='{}' remote={} status={}", channel, printable(userId),
                request.getRemoteAddr(), status);
    }

    /** The user id as typed, without line breaks or control characters (no forged log lines), shortened. */
    static String printable(String userId) {
        if (userId == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        userId.codePoints().limit(MAX_LOGGED_USER_ID)
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return userId.codePointCount(0, userId.length()) > MAX_LOGGED_USER_ID ? out + "…" : out.toString();
    }

    /** Keeps a copy of the first bytes of the body as the login resource reads it; the body itself is untouched. */
    private static final class CapturingRequest extends HttpServletRequestWrapper {

        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private boolean read;
        private ServletInputStream stream;

        CapturingRequest(HttpServletRequest request) {
            super(request);
        }

        boolean wasRead() {
            return read;
        }

        /** A field of the captured form body ({@code application/x-www-form-urlencoded}), or null. */
        String formValue(String name) {
            String body = copy.toString(StandardCharsets.ISO_8859_1);
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (name.equals(key)) {
                    String raw = eq < 0 ? "" : pair.substring(eq + 1);
                    try {
                        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        return raw;
                    }
                }
            }
            return null;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            keep(new byte[] {(byte) b}, 0, 1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            keep(buffer, offset, n);
                        }
                        return n;
                    }
                };
            }
            read = true;
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8.name() : encoding));
        }

        private void keep(byte[] buffer, int offset, int length) {
            int room = FORM_CAPTURE_LIMIT - copy.size();
            if (room > 0) {
                copy.write(buffer, offset, Math.min(room, length));
            }
        }
    }
}
