package cn.fazhi.annualreport.migration;

import cn.fazhi.annualreport.security.Callers;
import java.net.URI;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/migrations}: administrators move running cases to a newer version of the process — plan and dry
 * run, execution as a Camunda batch, its progress. The gate lets only camunda-admin reach {@code /api/admin}; this
 * controller checks it again.
 */
@RestController
@RequestMapping("/api/admin/migrations")
class MigrationController {

    private final CaseMigrations migrations;
    private final IdentityService identityService;

    MigrationController(CaseMigrations migrations, IdentityService identityService) {
        this.migrations = migrations;
        this.identityService = identityService;
    }

    /** The plan (400 with the engine's per-instruction failures if it is invalid) and the dry run of every case. */
    @PostMapping("/plan")
    MigrationReport plan(@RequestBody(required = false) MigrationRequest request) {
        requireAdmin();
        return migrations.dryRun(required(request));
    }

    /** Starts the migration of the cases that can move: 202 with the batch and Location to follow it. */
    @PostMapping
    ResponseEntity<MigrationStarted> execute(@RequestBody(required = false) MigrationRequest request) {
        requireAdmin();
        MigrationStarted started = migrations.execute(required(request));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/admin/migrations/" + started.batchId())).body(started);
    }

    @GetMapping("/{batchId}")
    MigrationProgress progress(@PathVariable String batchId) {
        requireAdmin();
        return migrations.progress(batchId);
    }

    private void requireAdmin() {
        if (!Callers.isAdmin(identityService.getCurrentAuthentication())) {
            throw MigrationRequestException.adminOnly();
        }
    }

    private static MigrationRequest required(MigrationRequest request) {
        if (request == null) {
            throw MigrationRequestException.invalid("请求体须为 JSON 对象，例如 {\"sourceVersion\": 1}",
                    "The body must be a JSON object, e.g. {\"sourceVersion\": 1}");
        }
        return request;
    }
}
