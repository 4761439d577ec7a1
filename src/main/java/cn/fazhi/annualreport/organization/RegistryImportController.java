package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Shown;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Registry imports over HTTP, for admins: {@code POST /api/entities/import} checks the file (400 with every bad line)
 * and answers 202 with the import's URL, {@code GET /api/entities/imports/{id}} its progress and outcome. With
 * {@code ?wait=N} the POST waits up to N seconds (at most report.organization.imports.max-wait) and answers 200 with
 * the result if the import finished by then.
 */
@RestController
@RequestMapping("/api/entities")
class RegistryImportController {

    private final RegistryImportWorker worker;
    private final RegistryImports jobs;
    private final IdentityService identityService;
    private final OrganizationProperties.Imports settings;

    RegistryImportController(RegistryImportWorker worker, RegistryImports jobs, IdentityService identityService,
                             OrganizationProperties properties) {
        this.worker = worker;
        this.jobs = jobs;
        this.identityService = identityService;
        this.settings = properties.organization().imports();
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> importMultipart(@RequestParam("file") MultipartFile file,
                                      @RequestParam(name = "wait", required = false) Integer wait)
            throws IOException {
        String by = EntityController.requireAdmin(identityService);
        return accept(file.getBytes(), file.getOriginalFilename(), by, wait);
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<?> importBody(@RequestBody(required = false) byte[] body,
                                 @RequestParam(name = "wait", required = false) Integer wait) {
        String by = EntityController.requireAdmin(identityService);
        // an empty body is an empty file: the file check says so ("文件为空"), not the body reader
        return accept(body == null ? new byte[0] : body, null, by, wait);
    }

    @GetMapping("/imports/{id}")
    ImportView one(@PathVariable String id) {
        EntityController.requireAdmin(identityService);
        return jobs.find(id).map(this::view).orElseThrow(() -> new UnknownImport(id));
    }

    @GetMapping("/imports")
    List<ImportView> recent() {
        EntityController.requireAdmin(identityService);
        return jobs.recent(20).stream().map(this::view).toList();
    }

    private ResponseEntity<?> accept(byte[] file, String fileName, String by, Integer wait) {
        if (wait != null && wait < 0) {
            throw new BadWait(settings.maxWait().toSeconds());
        }
        RegistryImportWorker.Submitted submitted = worker.submit(file, fileName, by);
        if (wait != null && wait > 0) {
            long millis = Math.min(TimeUnit.SECONDS.toMillis(wait), settings.maxWait().toMillis());
            try {
                EntityImporter.Result result = submitted.outcome().get(millis, TimeUnit.MILLISECONDS);
                if (result != null) {
                    return ResponseEntity.ok().location(location(submitted.id())).body(result);
                }
            } catch (TimeoutException e) {
                // still running: answered below with where to follow it
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ApiException refusal) {
                    throw refusal;
                }
                throw new ImportFailed(jobs.find(submitted.id()).map(this::view).orElse(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ResponseEntity.accepted().location(location(submitted.id()))
                .body(jobs.find(submitted.id()).map(this::view).orElseThrow());
    }

    private static URI location(String id) {
        return URI.create("/api/entities/imports/" + id);
    }

    private ImportView view(RegistryImports.Job job) {
        int total = job.entitiesTotal() + job.peopleTotal();
        int done = job.entitiesDone() + job.peopleDone();
        int percent = "SUCCEEDED".equals(job.status()) ? 100 : total == 0 ? 0 : Math.min(99, done * 100 / total);
        List<LineErrorView> errors = "FAILED".equals(job.status())
                ? jobs.errors(job.id()).stream().map(e -> new LineErrorView(e.line(), e.messageZh(), e.messageEn(),
                e.text())).toList()
                : List.of();
        return new ImportView(job.id(), job.status(), statusZh(job.status()), job.fileName(), job.requestedBy(),
                job.requestedAt(), job.startedAt(), job.finishedAt(), job.node(), job.heartbeatAt(), job.attempts(),
                job.entitiesTotal(), job.entitiesDone(), job.peopleTotal(), job.peopleDone(), percent, job.created(),
                job.updated(), job.usersCreated(), job.usersUpdated(), job.membershipsAdded(),
                job.membershipsRemoved(), job.messageZh(), job.messageEn(), errors,
                location(job.id()).toString());
    }

    private static String statusZh(String status) {
        return switch (status) {
            case "QUEUED" -> "排队中";
            case "RUNNING" -> "导入中";
            case "SUCCEEDED" -> "已完成";
            default -> "失败（未导入任何内容）";
        };
    }

    /** An import as the admin follows it: progress (people first, then entities), outcome, lines at fault. */
    record ImportView(String id, String status, String statusZh, String fileName, String requestedBy,
                      OffsetDateTime requestedAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, String node,
                      OffsetDateTime heartbeatAt, int attempts, int entitiesTotal, int entitiesDone, int peopleTotal,
                      int peopleDone, int percent, Integer created, Integer updated, Integer usersCreated,
                      Integer usersUpdated, Integer membershipsAdded, Integer membershipsRemoved, String messageZh,
                      String messageEn, List<LineErrorView> errors, String url) {
    }

    /** One line at fault, in each language and both. */
    record LineErrorView(int line, String messageZh, String messageEn, String text) {
    }

    /** No import with this id (404). */
    static final class UnknownImport extends ApiException {

        UnknownImport(String id) {
            super(HttpStatus.NOT_FOUND, "没有编号为" + Shown.value(id) + "的名录导入",
                    "No registry import " + Shown.value(id));
        }
    }

    /** A negative {@code wait} (400). */
    static final class BadWait extends ApiException {

        BadWait(long maxSeconds) {
            super(HttpStatus.BAD_REQUEST, "等待时间（wait）须为 0 至 " + maxSeconds + " 秒",
                    "wait must be 0 to " + maxSeconds + " seconds");
        }
    }

    /** An import that failed for a reason other than its file, answered to a caller who waited (500). */
    static final class ImportFailed extends ApiException {

        ImportFailed(ImportView job) {
            super(HttpStatus.INTERNAL_SERVER_ERROR, job == null || job.messageZh() == null
                    ? "导入失败，未导入任何内容" : job.messageZh(), job == null || job.messageEn() == null
                    ? "The import failed; nothing was imported" : job.messageEn());
        }
    }
}
