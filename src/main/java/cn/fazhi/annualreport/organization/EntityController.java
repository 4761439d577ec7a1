package cn.fazhi.annualreport.organization;

import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the reporting entities: {@code GET /api/entities}. */
@RestController
@RequestMapping("/api/entities")
class EntityController {

    private final EntityRegistry registry;

    EntityController(EntityRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    List<EntityView> list() {
        return registry.all().stream().map(this::view).toList();
    }

    private EntityView view(ReportingEntity e) {
        Recipients recipients = registry.recipientsOf(e);
        List<RoleGroup> groups = Arrays.stream(Role.values())
                .map(r -> new RoleGroup(r.name(), r.labelZh(), r.groupId(e.code())))
                .toList();
        return new EntityView(e.code(), e.name(), e.shortName(), e.type(), e.level(), e.parent(),
                e.supervisingOffice(), e.reviewGate(), e.documentNumberPrefix(), recipients.filing(),
                recipients.copyTo(), registry.departmentsOf(e.code()).stream().map(ReportingEntity::code).toList(),
                groups);
    }

    record EntityView(String code, String name, String shortName, EntityType type, String level, String parent,
                      String supervisingOffice, ReviewGate reviewGate, String documentNumberPrefix,
                      List<String> recipients, String copyTo, List<String> departments, List<RoleGroup> groups) {
    }

    record RoleGroup(String role, String label, String groupId) {
    }
}
