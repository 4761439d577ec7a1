package cn.fazhi.annualreport.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;

/** Real HTTP calls against the running application, one after the other, timed on the client. */
final class HttpSampler {

    /** Latencies of one endpoint in milliseconds, with the number of answers that were not 200. */
    record Latencies(String what, List<Double> millis, int errors, String lastError) {

        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(millis);
            sorted.sort(null);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        double mean() {
            return millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        double max() {
            return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    private final String base;
    private final HttpClient http;
    private String csrfToken;

    HttpSampler(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** A download as the desk's links fetch it (any type); the body read as text only to count and report it. */
    HttpResponse<String> download(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", "*/*")
                .header("Authorization", authorization).build());
    }

    HttpResponse<String> postCsv(String path, String authorization, String csv) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                .header("Content-Type", "text/csv; charset=UTF-8").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build());
    }

    /** Logs into Tasklist with its login form, as the browser does (session cookie, CSRF token). */
    void loginToTasklist(String user, String password) {
        refreshCsrfToken();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("Tasklist login of " + user + " answered " + login.statusCode());
        }
        refreshCsrfToken(); // the login started a new session with a new token
    }

    /** A webapp API call of the logged-in session, with the CSRF token, as Tasklist's scripts send it. */
    HttpResponse<String> webappPost(String path, String json, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Accept", accept).header("X-XSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    HttpResponse<String> webappGet(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET().build());
    }

    private void refreshCsrfToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base
                + "/camunda/api/admin/auth/user/default")).header("X-XSRF-TOKEN", "Fetch").GET().build());
        csrfToken = response.headers().firstValue("X-XSRF-TOKEN").orElse(csrfToken);
    }

    /** Calls {@code call} warm-up + samples times, timing the samples. */
    static Latencies sample(String what, int warmUp, int samples, IntFunction<HttpResponse<String>> call) {
        for (int i = 0; i < warmUp; i++) {
            call.apply(i);
        }
        List<Double> millis = new ArrayList<>();
        int errors = 0;
        String lastError = null;
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = call.apply(warmUp + i);
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() == 200) {
                millis.add(ms);
            } else {
                errors++;
                lastError = response.statusCode() + " " + abbreviate(response.body());
            }
        }
        return new Latencies(what, millis, errors, lastError);
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
