package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.security.Callers;
import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.organization.Role;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
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
    private final EntityRegistry registry;

    DocumentNumberController(DocumentNumbers numbers, IdentityService identityService, EntityRegistry registry) {
        this.numbers = numbers;
        this.identityService = identityService;
        this.registry = registry;
    }

    /** The numbers of a prefix and year, for the people of the entity that uses the prefix, its supervisors and admins. */
    @GetMapping("/api/document-numbers")
    List<DocumentNumber> list(@RequestParam String prefix, @RequestParam int year) {
        Authentication caller = identityService.getCurrentAuthentication();
        List<String> groups = caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        boolean allowed = Callers.isAdmin(caller) || registry.all().stream()
                .filter(e -> prefix.equals(e.documentNumberPrefix()))
                .anyMatch(e -> Arrays.stream(Role.values()).anyMatch(r -> groups.contains(r.groupId(e.code())))
                        || registry.ancestorsOf(e).stream().map(ReportingEntity::code)
                                .anyMatch(a -> groups.contains(Role.OWNER.groupId(a))));
        if (!allowed) {
            throw new NotYourPrefix();
        }
        return numbers.list(prefix, year);
    }

    /** Cancels a number (administrators): it stays on record and is never given out again. */
    @PostMapping("/api/document-numbers/cancel")
    DocumentNumber cancel(@RequestBody CancelRequest request) {
        Authentication caller = identityService.getCurrentAuthentication();
        if (!Callers.isAdmin(caller)) {
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

    /** Only the entity using a prefix, its supervising offices and admins see its numbers. */
    static class NotYourPrefix extends cn.fazhi.annualreport.api.ApiException {
        NotYourPrefix() {
            super(HttpStatus.FORBIDDEN, "只有使用该文号前缀的单位、其上级督察机构和系统管理员可以查看",
                    "Only the entity using this prefix, its supervising offices and administrators may see its numbers");
        }
    }

    /** A cancellation names the number and the reason. */
    static class MissingReason extends cn.fazhi.annualreport.api.ApiException {
        MissingReason() {
            super(HttpStatus.BAD_REQUEST, "须写明要作废的文号和作废原因", "The number and the reason are required");
        }
    }
}
