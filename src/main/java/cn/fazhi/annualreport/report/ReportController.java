package cn.fazhi.annualreport.report;

import java.net.URI;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The process owners' API: start a case, and see its phase, deadlines and open tasks. */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final ReportCaseService cases;
    private final ReportCaseQuery query;

    ReportController(ReportCaseService cases, ReportCaseQuery query) {
        this.cases = cases;
        this.query = query;
    }

    @PostMapping
    ResponseEntity<StartedCase> start(@RequestBody StartRequest request) {
        ProcessInstance instance = cases.start(request.entity(), request.year());
        StartedCase body = new StartedCase(instance.getId(), instance.getBusinessKey(), request.entity(), request.year());
        return ResponseEntity.created(URI.create("/api/reports/" + request.entity() + "/" + request.year())).body(body);
    }

    @GetMapping("/{entity}/{year}")
    ReportCaseView get(@PathVariable String entity, @PathVariable int year) {
        return query.find(entity, year);
    }

    record StartRequest(String entity, Integer year) {
    }

    record StartedCase(String processInstanceId, String businessKey, String entity, Integer year) {
    }
}
