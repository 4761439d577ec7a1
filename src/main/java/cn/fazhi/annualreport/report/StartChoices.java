package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.security.SystemCall;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * What the start form offers the caller: the active entities whose case it may start (its own as an owner, every
 * one as an administrator), by name, and the year a case is normally started for — the last year, in Beijing time.
 * The start itself checks all of this again ({@link ReportCaseService#check}).
 */
@Component
class StartChoices {

    private final EntityRegistry registry;
    private final OwnerCheck ownerCheck;
    private final CaseRegistry caseRegistry;
    private final ReportCaseService cases;
    private final IdentityService identityService;

    StartChoices(EntityRegistry registry, OwnerCheck ownerCheck, CaseRegistry caseRegistry, ReportCaseService cases,
                 IdentityService identityService) {
        this.registry = registry;
        this.ownerCheck = ownerCheck;
        this.caseRegistry = caseRegistry;
        this.cases = cases;
        this.identityService = identityService;
    }

    Choices forCaller() {
        int year = cases.today().getYear() - 1;
        List<ReportingEntity> mayStart = registry.active().stream().filter(e -> ownerCheck.mayStart(e.code())).toList();
        Set<String> started = SystemCall.run(identityService,
                () -> caseRegistry.withLiveCase(mayStart.stream().map(ReportingEntity::code).toList(), year));
        return new Choices(year, mayStart.stream()
                .map(e -> new Choice(e.code(), e.name(), started.contains(e.code()))).toList());
    }

    /** The default reporting year and the entities the caller may start, in the registry's order. */
    record Choices(int year, List<Choice> entities) {
    }

    /** An entity the caller may start; {@code started}: its case of the default year exists already. */
    record Choice(String code, String name, boolean started) {
    }
}
