package cn.fazhi.annualreport.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webapps' own stylesheet ({@code <app>/styles/user-styles.css}, which each app's page loads): the application's
 * styles, and Camunda's end-of-life banner hidden unless {@code report.webapp.end-of-life-banner} is true.
 */
@RestController
class WebappStyles {

    static final String HIDE_BANNER = "\n/* report.webapp.end-of-life-banner=false: Camunda's end-of-life banner is not shown */\n"
            + ".ce-eol-banner { display: none !important; }\n";

    private final String css;

    WebappStyles(WebappProperties properties) {
        boolean showBanner = properties.endOfLifeBanner();
        try (InputStream in = new ClassPathResource("webapp/user-styles.css").getInputStream()) {
            String styles = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.css = showBanner ? styles : styles + HIDE_BANNER;
        } catch (IOException e) {
            throw new UncheckedIOException("webapp/user-styles.css is missing from the application", e);
        }
    }

    @GetMapping(path = {"${camunda.bpm.webapp.application-path:/camunda}/app/tasklist/styles/user-styles.css",
            "${camunda.bpm.webapp.application-path:/camunda}/app/cockpit/styles/user-styles.css",
            "${camunda.bpm.webapp.application-path:/camunda}/app/admin/styles/user-styles.css",
            "${camunda.bpm.webapp.application-path:/camunda}/app/welcome/styles/user-styles.css"})
    ResponseEntity<String> styles() {
        return ResponseEntity.ok().contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(css);
    }
}
