package cn.fazhi.annualreport.document;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Document numbers: {@code GET /api/document-numbers?prefix=&year=} and {@code POST /api/document-numbers/cancel}. */
@RestController
class DocumentNumberController {

    private final DocumentNumbers numbers;
    private final IdentityService identityService;

    DocumentNumberController(DocumentNumbers numbers, IdentityService identityService) {
        this.numbers = numbers;
        this.identityService = identityService;
    }

    @GetMapping("/api/document-numbers")
    List<DocumentNumber> list(@RequestParam String prefix, @RequestParam int year) {
        return numbers.list(prefix, year);
    }

    /** Cancels a number (administrators): it stays on record and is never given out again. */
    @PostMapping("/api/document-numbers/cancel")
    DocumentNumber cancel(@RequestBody CancelRequest request) {
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller == null || caller.getGroupIds() == null || !caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
            throw new Forbidden();
        }
        if (request.number() == null || request.reason() == null || request.reason().isBlank()) {
            throw new MissingReason();
        }
        return numbers.cancel(request.number().trim(), request.reason().trim(), caller.getUserId());
    }

    record CancelRequest(String number, String reason) {
    }

    /** Only administrators cancel document numbers. */
    static class Forbidden extends cn.fazhi.annualreport.api.ApiException {
        Forbidden() {
            super(HttpStatus.FORBIDDEN, "只有系统管理员可以作废文号", "Only administrators may cancel document numbers");
        }
    }

    /** A cancellation names the number and the reason. */
    static class MissingReason extends cn.fazhi.annualreport.api.ApiException {
        MissingReason() {
            super(HttpStatus.BAD_REQUEST, "须写明要作废的文号和作废原因", "The number and the reason are required");
        }
    }
}
