package cn.fazhi.annualreport.publication;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The public addresses of the column: its pages and feed under the configured public base URL. */
@Component
class PublicSite {

    static final String COLUMN_PATH = "/public/reports";
    static final String FEED_PATH = COLUMN_PATH + "/feed.atom";
    static final String STYLESHEET_PATH = "/public/assets/reports.css";

    private final PublicationProperties properties;
    private final Environment environment;

    PublicSite(PublicationProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** The base URL without a trailing slash, e.g. https://fazhi.example.gov.cn; resolved on each use. */
    String baseUrl() {
        String configured = properties.publicColumn().baseUrl();
        if (configured == null || configured.isBlank()) {
            configured = environment.getProperty("report.base-url", "http://localhost:8080");
        }
        String resolved = environment.resolveRequiredPlaceholders(configured.strip());
        return resolved.endsWith("/") ? resolved.substring(0, resolved.length() - 1) : resolved;
    }

    URI column() {
        return URI.create(baseUrl() + COLUMN_PATH);
    }

    URI feed() {
        return URI.create(baseUrl() + FEED_PATH);
    }

    URI entityPage(String entityCode) {
        return UriComponentsBuilder.fromUriString(baseUrl()).path(COLUMN_PATH + "/{entity}")
                .buildAndExpand(entityCode).encode().toUri();
    }

    URI reportPage(String entityCode, int year) {
        return UriComponentsBuilder.fromUriString(baseUrl()).path(COLUMN_PATH + "/{entity}/{year}")
                .buildAndExpand(entityCode, year).encode().toUri();
    }
}
