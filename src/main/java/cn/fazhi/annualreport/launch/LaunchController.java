package cn.fazhi.annualreport.launch;

import cn.fazhi.annualreport.security.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/launches}: administrators launch a year's cases for every active entity and follow the launches. */
@RestController
@RequestMapping("/api/launches")
class LaunchController {

    private static final Duration POLL = Duration.ofMillis(200);

    private final LaunchService launches;
    private final LaunchProperties properties;
    private final IdentityService identityService;

    LaunchController(LaunchService launches, LaunchProperties properties, IdentityService identityService) {
        this.launches = launches;
        this.properties = properties;
        this.identityService = identityService;
    }

    /**
     * {@code {"year": 2025}}: launches the year's cases. 200 with the counts when every entity's job was done within
     * report.launch.answer-within, else 202 with Location /api/launches/{id} and what is known so far.
     */
    @PostMapping
    ResponseEntity<LaunchView> launch(@RequestBody(required = false) JsonNode body) {
        String user = requireAdmin();
        String id = launches.launch(yearOf(body), user);
        LaunchView view = awaitFinished(id);
        if (view.finished()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/launches/" + id)).body(view);
    }

    @GetMapping("/{id}")
    LaunchView get(@PathVariable String id) {
        requireAdmin();
        return launches.view(id);
    }

    /** The launches of a year (or all), newest first. */
    @GetMapping
    List<LaunchView> list(@RequestParam(name = "year", required = false) Integer year) {
        requireAdmin();
        return launches.list(year);
    }

    private LaunchView awaitFinished(String id) {
        long deadline = System.nanoTime() + properties.answerWithin().toNanos();
        LaunchView view = launches.view(id);
        while (!view.finished() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Math.min(POLL.toNanos(), deadline - System.nanoTime()));
            view = launches.view(id);
        }
        return view;
    }

    private String requireAdmin() {
        Authentication caller = identityService.getCurrentAuthentication();
        if (!Callers.isAdmin(caller)) {
            throw LaunchRequestException.adminOnly();
        }
        return caller.getUserId();
    }

    private static int yearOf(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw LaunchRequestException.invalid("请求体须为 JSON 对象，例如 {\"year\": 2025}",
                    "The body must be a JSON object, e.g. {\"year\": 2025}");
        }
        JsonNode year = body.get("year");
        if (year == null || year.isNull()) {
            return LaunchService.requireValidYear(null);
        }
        if (!year.isIntegralNumber() || !year.canConvertToInt()) {
            throw LaunchRequestException.invalid("报告年度（year）须为整数年份，实为 " + year,
                    "The reporting year (year) must be a whole number, not " + year);
        }
        return LaunchService.requireValidYear(year.intValue());
    }
}
