package cn.fazhi.annualreport.publication;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The portal CMS as a target: POSTs the report as JSON to {@code report.publication.cms.url} with
 * {@code Authorization: Bearer <token>} and takes the published page's URL from the answer ({@code {"url": …}} or the
 * Location header). Any failure — no connection, a timeout, a non-2xx status, an answer without an http(s) URL —
 * fails the job, which the engine retries with growing intervals and finally turns into an incident. The request
 * carries the case as {@code Idempotency-Key}, so that a CMS can recognise a repeated attempt (docs/publication.md).
 */
@Component
@Order(2)
class CmsPublisher implements Publisher {

    private static final Logger log = LoggerFactory.getLogger(CmsPublisher.class);
    private static final int MAX_BODY_SHOWN = 300;

    private final PublicationProperties.Cms cms;
    private final EntityRegistry registry;
    private final ObjectMapper json;
    private final HttpClient client;

    CmsPublisher(PublicationProperties properties, EntityRegistry registry, ObjectMapper json) {
        this.cms = properties.cms();
        this.registry = registry;
        this.json = json;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(cms.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String target() {
        return cms.name();
    }

    @Override
    public boolean covers(String entityCode) {
        if (!cms.enabled()) {
            return false;
        }
        if (cms.entities().isEmpty() || cms.entities().contains(entityCode)) {
            return true;
        }
        Optional<ReportingEntity> entity = registry.find(entityCode);
        return entity.isPresent()
                && registry.ancestorsOf(entity.get()).stream().anyMatch(a -> cms.entities().contains(a.code()));
    }

    @Override
    public URI publish(PublishedReport report) {
        HttpRequest request = HttpRequest.newBuilder(cms.url())
                .timeout(cms.timeout())
                .header("Authorization", "Bearer " + cms.token())
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Accept", "application/json")
                .header("Idempotency-Key", "annual-report:" + report.processInstanceId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(report)))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PublicationException("无法连接" + cms.name() + "（" + cms.url() + "）：" + e,
                    "Cannot reach the CMS " + cms.name() + " at " + cms.url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationException("发布到" + cms.name() + "时被中断", "Interrupted while publishing to " + cms.name(), e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new PublicationException(cms.name() + "拒绝发布：HTTP " + status + " " + shown(response.body()),
                    "The CMS " + cms.name() + " refused the report: HTTP " + status + " " + shown(response.body()));
        }
        URI url = pageUrl(response);
        log.info("Case {} published on {} at {}", report.processInstanceId(), cms.name(), url);
        return url;
    }

    /** The JSON the CMS receives (docs/publication.md). */
    byte[] body(PublishedReport report) {
        ObjectNode body = json.createObjectNode();
        body.put("id", report.processInstanceId());
        body.put("column", "法治政府建设年度报告");
        body.put("title", report.title());
        body.put("entityCode", report.entityCode());
        body.put("entityName", report.entityName());
        body.put("year", report.year());
        body.put("documentNumber", report.documentNumber());
        body.put("publishedAt", DateTimeFormatter.ISO_INSTANT.format(report.publishedAt().truncatedTo(ChronoUnit.SECONDS)));
        body.put("text", report.text());
        body.put("html", ReportText.html(report.text(), report.title()));
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the CMS request", e);
        }
    }

    private URI pageUrl(HttpResponse<String> response) {
        String candidate = null;
        String body = response.body();
        if (body != null && !body.isBlank()) {
            try {
                JsonNode answer = json.readTree(body);
                if (answer != null && answer.path("url").isTextual()) {
                    candidate = answer.get("url").asText();
                }
            } catch (IOException e) {
                // not JSON: the Location header may still name the page
            }
        }
        if (candidate == null) {
            candidate = response.headers().firstValue("Location").orElse(null);
        }
        URI url = httpUrl(candidate);
        if (url == null) {
            throw new PublicationException(cms.name() + "的答复中没有有效的网页地址（须为 http 或 https 的完整网址）："
                    + shown(candidate == null ? body : candidate),
                    "The CMS " + cms.name() + " answered no valid page URL (an absolute http or https URL): "
                            + shown(candidate == null ? body : candidate));
        }
        return url;
    }

    /** An absolute http(s) URL with a host, or null: never a javascript:, data: or relative address. */
    static URI httpUrl(String value) {
        if (value == null || value.isBlank() || value.length() > 1000) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme();
            boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return http && uri.getHost() != null && !uri.getHost().isBlank() ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String shown(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return flat.length() > MAX_BODY_SHOWN ? flat.substring(0, MAX_BODY_SHOWN) + "…" : flat;
    }
}
