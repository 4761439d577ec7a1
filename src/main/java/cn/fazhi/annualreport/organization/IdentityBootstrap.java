package cn.fazhi.annualreport.organization;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps Camunda identity in line with the entity configuration at every start: one group per entity and role, the
 * Tasklist access of every group and, with demo data on (dev profile only), the demo people with their memberships. Idempotent: existing groups, users and grants are left alone.
 */
@Component
@Order(10)
class IdentityBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final EntityRegistry registry;
    private final IdentityService identityService;
    private final Grants grants;
    private final OrganizationProperties properties;

    IdentityBootstrap(EntityRegistry registry, IdentityService identityService, Grants grants,
                      OrganizationProperties properties) {
        this.registry = registry;
        this.identityService = identityService;
        this.grants = grants;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        int users = 0;
        for (ReportingEntity entity : registry.all()) {
            for (Role role : Role.values()) {
                String groupId = role.groupId(entity.code());
                ensureGroup(groupId, entity.shortName() + " " + role.labelZh());
                grants.grantGroup(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            }
            if (properties.demoData()) {
                for (Person person : entity.people()) {
                    users += ensureUser(person) ? 1 : 0;
                    for (Role role : person.roles()) {
                        ensureMembership(person.id(), role.groupId(entity.code()));
                    }
                }
            }
        }
        log.info("Identity ready: groups for {} entities, {} demo users created", registry.all().size(), users);
    }

    private void ensureGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    private boolean ensureUser(Person person) {
        if (identityService.createUserQuery().userId(person.id()).count() > 0) {
            return false;
        }
        User user = identityService.newUser(person.id());
        user.setFirstName(person.firstName());
        user.setLastName(person.lastName());
        user.setEmail(person.email());
        user.setPassword(properties.demoPassword());
        identityService.saveUser(user);
        return true;
    }

    private void ensureMembership(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }
}
