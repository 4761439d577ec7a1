package cn.fazhi.annualreport.report;

import java.net.URI;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The process owners' API: start a case, and see its phase, deadlines and open tasks. */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final ReportCaseService cases;
    private final ReportCaseQuery query;
    private final CaseDeadlines deadlines;
    private final OwnerCheck ownerCheck;
    private final StartChoices startChoices;

    ReportController(ReportCaseService cases, ReportCaseQuery query, CaseDeadlines deadlines, OwnerCheck ownerCheck,
                     StartChoices startChoices) {
        this.startChoices = startChoices;
        this.cases = cases;
        this.query = query;
        this.deadlines = deadlines;
        this.ownerCheck = ownerCheck;
    }

    @PostMapping
    ResponseEntity<StartedCase> start(@RequestBody StartRequest request) {
        ProcessInstance instance = cases.start(request.entity(), request.year());
        StartedCase body = new StartedCase(instance.getId(), instance.getBusinessKey(), request.entity(), request.year());
        return ResponseEntity.created(URI.create("/api/reports/" + request.entity() + "/" + request.year())).body(body);
    }

    /**
     * What the start form offers the caller (read-only): the default reporting year and the entities whose case it
     * may start, by name, each marked when its case of that year exists.
     */
    @GetMapping("/startable")
    StartChoices.Choices startable() {
        return startChoices.forCaller();
    }

    @GetMapping("/{entity}/{year}")
    ReportCaseView get(@PathVariable String entity, @PathVariable int year) {
        return query.find(entity, year);
    }

    /**
     * Sets dates of a running case as a higher-level notice demands, e.g.
     * {@code {"notice": "《哈尔滨市司法局关于做好…的通知》", "dates": {"FILING": "2026-02-20"}}}; the entity's owners only.
     */
    @PutMapping("/{entity}/{year}/deadlines")
    ReportCaseView overrideDeadlines(@PathVariable String entity, @PathVariable int year,
                                     @RequestBody DeadlineOverride request) {
        ReportCaseView current = query.find(entity, year);
        if (!"ACTIVE".equals(current.state())) {
            throw ReportRequestException.conflict("案件已结束，期限不能再调整", "The case has ended; its dates cannot change");
        }
        ownerCheck.requireOwner(entity);
        deadlines.override(current.processInstanceId(), request.dates(), request.notice());
        return query.find(entity, year);
    }

    record DeadlineOverride(String notice, java.util.Map<String, String> dates) {
    }

    record StartRequest(String entity, Integer year) {
    }

    record StartedCase(String processInstanceId, String businessKey, String entity, Integer year) {
    }
}
