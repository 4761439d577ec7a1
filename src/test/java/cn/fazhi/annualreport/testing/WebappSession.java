package cn.fazhi.annualreport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;

/**
 * A browser's session with the Camunda webapps over real HTTP: logs into an app (Cockpit, Tasklist) with the login
 * form and sends the webapps' own API calls with the session cookie and the CSRF token, as the Angular apps do.
 */
public final class WebappSession {

    private final String base;
    private final HttpClient http;
    private String csrfToken;
    private String acceptLanguage;

    private WebappSession(String base) {
        restoreWebappRuntimes();
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    /** Logs the user into the app; answers the session, or fails with the login's HTTP status. */
    public static WebappSession login(String base, String app, String user, String password) {
        WebappSession session = new WebappSession(base);
        int status = session.tryLogin(app, user, password);
        if (status != 200) {
            throw new IllegalStateException("Login of " + user + " to " + app + " answered " + status);
        }
        return session;
    }

    /** The HTTP status of a login attempt (200 logged in, 401 bad password, 403 no access to the app). */
    public static int loginStatus(String base, String app, String user, String password) {
        return new WebappSession(base).tryLogin(app, user, password);
    }

    private int tryLogin(String app, String user, String password) {
        refreshCsrfToken();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base
                        + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return response.statusCode();
    }

    /** Sends this Accept-Language with every later call, as a browser set to that language does. */
    public WebappSession acceptLanguage(String languages) {
        this.acceptLanguage = languages;
        return this;
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json").GET().build());
        response.headers().firstValue("X-XSRF-TOKEN").ifPresent(t -> csrfToken = t);
        return response;
    }

    public HttpResponse<String> postJson(String path, String json) {
        return sendJson("POST", path, json);
    }

    public HttpResponse<String> putJson(String path, String json) {
        return sendJson("PUT", path, json);
    }

    private HttpResponse<String> sendJson(String method, String path, String json) {
        refreshCsrfToken(); // the login starts a new session with a new token
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", csrfToken)
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * The webapps keep their runtime in static fields, and closing another application context in this JVM (the
     * dev-profile startup test) empties them; this shared context's Cockpit, Admin and Tasklist then answer 500. Put
     * back what the webapps' bootstrap sets, for this JVM's engines.
     */
    private static synchronized void restoreWebappRuntimes() {
        if (Cockpit.getRuntimeDelegate() == null) {
            Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
        }
        if (Admin.getRuntimeDelegate() == null) {
            Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
        }
        if (Tasklist.getRuntimeDelegate() == null) {
            Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
        }
        if (Welcome.getRuntimeDelegate() == null) {
            Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
        }
    }

    private void refreshCsrfToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base
                + "/camunda/api/admin/auth/user/default")).header("X-XSRF-TOKEN", "Fetch").GET().build());
        csrfToken = response.headers().firstValue("X-XSRF-TOKEN").orElse(csrfToken);
    }

    private HttpResponse<String> send(HttpRequest request) {
        if (acceptLanguage != null) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Accept-Language", acceptLanguage).build();
        }
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
