package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.security.Callers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry over HTTP: {@code GET /api/entities} lists it; admins export it as a CSV file ({@code GET
 * /api/entities/export}) and import one ({@link RegistryImportController}).
 */
@RestController
@RequestMapping("/api/entities")
class EntityController {

    private final EntityRegistry registry;
    private final IdentityService identityService;

    EntityController(EntityRegistry registry, IdentityService identityService) {
        this.registry = registry;
        this.identityService = identityService;
    }

    @GetMapping
    List<EntityView> list() {
        return registry.all().stream().map(this::view).toList();
    }

    @GetMapping("/{code}")
    ResponseEntity<EntityView> one(@PathVariable String code) {
        return registry.find(code).map(this::view).map(ResponseEntity::ok)
                .orElseThrow(() -> EntityNotFoundException.of(code));
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export() {
        requireAdmin();
        byte[] csv = EntityCsv.write(registry.all(), this::people);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"entities.csv\"; "
                        + "filename*=UTF-8''%E5%8D%95%E4%BD%8D%E5%90%8D%E5%BD%95.csv")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv);
    }

    private Map<Role, List<Person>> people(ReportingEntity entity) {
        Map<Role, List<Person>> byRole = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            byRole.put(role, identityService.createUserQuery().memberOfGroup(role.groupId(entity.code()))
                    .orderByUserId().asc().list().stream().map(EntityController::person).toList());
        }
        return byRole;
    }

    private static Person person(User user) {
        return new Person(user.getId(), PersonNames.of(user),
                user.getEmail() == null ? "" : user.getEmail());
    }

    private String requireAdmin() {
        return requireAdmin(identityService);
    }

    /** The calling admin's id; anyone else is refused (403). */
    static String requireAdmin(IdentityService identityService) {
        Authentication caller = identityService.getCurrentAuthentication();
        if (!Callers.isAdmin(caller)) {
            throw EntityImportException.adminOnly();
        }
        return caller.getUserId();
    }

    private EntityView view(ReportingEntity e) {
        Recipients recipients = registry.recipientsOf(e);
        List<RoleGroup> groups = Arrays.stream(Role.values())
                .map(r -> new RoleGroup(r.name(), r.labelZh(), r.groupId(e.code())))
                .toList();
        return new EntityView(e.code(), e.name(), e.shortName(), e.type(), e.level(), e.parent(),
                e.supervisingOffice(), e.reviewGate(), e.documentNumberPrefix(), recipients.filing(),
                recipients.copyTo(), e.active(),
                registry.departmentsOf(e.code()).stream().map(ReportingEntity::code).toList(), groups);
    }

    record EntityView(String code, String name, String shortName, EntityType type, AdminLevel level, String parent,
                      String supervisingOffice, ReviewGate reviewGate, String documentNumberPrefix,
                      List<String> recipients, String copyTo, boolean active, List<String> departments,
                      List<RoleGroup> groups) {
    }

    record RoleGroup(String role, String label, String groupId) {
    }
}
