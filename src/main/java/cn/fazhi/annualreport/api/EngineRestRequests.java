package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the servlet filters in front of the engine's REST API share: the decoded path, a request whose (possibly
 * rewritten) body can be read again after a check, and a refusal in the engine REST error shape that Tasklist shows, in both languages.
 */
public final class EngineRestRequests {

    private EngineRestRequests() {
    }

    /** The request path below the context, decoded: Tasklist sends process definition ids with ':' as %3A. */
    public static String path(HttpServletRequest request) {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The request's path as the servlet container mapped it — decoded, normalized ({@code ;a=b}, {@code //} and
     * {@code /./} gone), without the context path: servlet path plus path info. What a decision reads, never the raw URI.
     */
    public static String servletPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /** The request with its body kept, so that the engine reads it again after the filter did. */
    public static HttpServletRequest withBody(HttpServletRequest request, byte[] body) {
        return new CachedBodyRequest(request, body);
    }

    /** Writes the refusal: the application's bilingual error plus the engine's "type" field. */
    @SuppressWarnings("unchecked")
    public static void refuse(HttpServletResponse response, ObjectMapper json, ApiError error) throws IOException {
        Map<String, Object> body = new HashMap<>(json.convertValue(error, Map.class));
        body.put("type", error.error());
        response.setStatus(error.status());
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        // the body may have been rewritten by the check: its length, not the original one
        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Length".equalsIgnoreCase(name) ? String.valueOf(body.length) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Content-Length".equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(String.valueOf(body.length))) : super.getHeaders(name);
        }

        @Override
        public int getIntHeader(String name) {
            return "Content-Length".equalsIgnoreCase(name) ? body.length : super.getIntHeader(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
