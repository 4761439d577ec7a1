package cn.fazhi.annualreport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A portal CMS for the tests: a real HTTP server (the JDK's) on a free port, configured as the application's CMS for
 * the entities under 河北省 (hebei). It receives reports as the contract says (POST /api/articles, JSON, Bearer token),
 * answers the URL of its page and serves that page; tests make it fail, answer other URLs or lose its pages.
 */
public class PortalCms implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String NAME = "河北省政府网站集约化平台";
    public static final String TOKEN = "test-cms-token-7f3a";
    public static final String COVERED = "hebei";

    /** One report the CMS received. */
    public record Received(String authorization, String idempotencyKey, String contentType, JsonNode body) {
    }

    private static HttpServer server;
    private static final List<Received> RECEIVED = new ArrayList<>();
    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_PAGE = new AtomicInteger();
    private static int failuresLeft;
    private static int failureStatus = 500;
    private static String answeredUrl;
    private static boolean pagesMissing;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("report.publication.cms.enabled=true", "report.publication.cms.name=" + NAME,
                "report.publication.cms.url=" + base() + "/api/articles", "report.publication.cms.token=" + TOKEN,
                "report.publication.cms.timeout=PT5S", "report.publication.cms.entities=" + COVERED).applyTo(context);
    }

    /** The server's address, starting it on first use. */
    public static synchronized String base() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("No free port for the test CMS", e);
            }
            server.createContext("/api/articles", PortalCms::receive);
            server.createContext("/articles/", PortalCms::page);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Back to a CMS that accepts everything; forgets what it received. */
    public static synchronized void reset() {
        RECEIVED.clear();
        PAGES.clear();
        failuresLeft = 0;
        failureStatus = 500;
        answeredUrl = null;
        pagesMissing = false;
    }

    /** The next {@code times} reports are refused with {@code status}. */
    public static synchronized void failNext(int times, int status) {
        failuresLeft = times;
        failureStatus = status;
    }

    /** Answers this URL for the next reports instead of its own page's. */
    public static synchronized void answerUrl(String url) {
        answeredUrl = url;
    }

    /** Its pages answer 404 (accepted reports never show). */
    public static synchronized void losePages(boolean missing) {
        pagesMissing = missing;
    }

    public static synchronized List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    private static void receive(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        int status;
        String answer;
        synchronized (PortalCms.class) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 405;
                answer = "{\"error\":\"POST only\"}";
            } else if (!("Bearer " + TOKEN).equals(authorization)) {
                status = 401;
                answer = "{\"error\":\"bad token\"}";
            } else {
                JsonNode body = new ObjectMapper().readTree(request);
                RECEIVED.add(new Received(authorization, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
                if (failuresLeft > 0) {
                    failuresLeft--;
                    status = failureStatus;
                    answer = "{\"error\":\"CMS unavailable\"}";
                } else {
                    String path = "/articles/" + NEXT_PAGE.incrementAndGet() + ".html";
                    PAGES.put(path, body.path("title").asText());
                    String url = answeredUrl != null ? answeredUrl : base() + path;
                    status = 201;
                    answer = new ObjectMapper().createObjectNode().put("url", url).toString();
                }
            }
        }
        send(exchange, status, "application/json", answer);
    }

    private static void page(HttpExchange exchange) throws IOException {
        boolean found;
        synchronized (PortalCms.class) {
            found = !pagesMissing && PAGES.containsKey(exchange.getRequestURI().getPath());
        }
        send(exchange, found ? 200 : 404, "text/html", found ? "<!DOCTYPE html><title>article</title>" : "not found");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + ";charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
