package cn.fazhi.annualreport.organization;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Brings a database written by earlier versions into today's shape at start-up: each user's name in one piece
 * ({@link PersonNames}; earlier imports stored 名 and 姓 apart, which Tasklist showed as "法明 李"), each entity's groups
 * named with its full name ({@link Role#groupName}; earlier "公安局 材料报送人员"). Writes only what differs.
 */
@Component
@Order(11)
class IdentityNamesMigration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityNamesMigration.class);
    private static final int PAGE = 500;

    private final IdentityService identityService;
    private final EntityStore store;

    IdentityNamesMigration(IdentityService identityService, EntityStore store) {
        this.identityService = identityService;
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        int users = users();
        int groups = groups();
        if (users > 0 || groups > 0) {
            log.info("Names brought into one piece for {} users; {} groups renamed after their entity's full name",
                    users, groups);
        }
    }

    /** Users with a last name (never written by this version, which keeps it empty). */
    int users() {
        int changed = 0;
        int left = 0;
        List<User> split;
        // each pass rewrites what it found, so the next query no longer finds it; what cannot be rewritten is skipped
        while (!(split = identityService.createUserQuery().userLastNameLike("_%").orderByUserId().asc()
                .listPage(left, PAGE)).isEmpty()) {
            for (User user : split) {
                try {
                    identityService.saveUser(user); // CheckedIdentityService joins the name
                    changed++;
                } catch (OptimisticLockingException e) {
                    left++;
                    log.info("User {} was changed meanwhile (another node migrating): left to it", user.getId());
                } catch (RuntimeException e) {
                    left++;
                    log.warn("User {}'s name cannot be joined into one piece, left as it is: {}", user.getId(),
                            e.getMessage());
                }
            }
        }
        return changed;
    }

    int groups() {
        Map<String, String> wanted = new HashMap<>();
        for (ReportingEntity entity : store.all()) {
            for (Role role : Role.values()) {
                wanted.put(role.groupId(entity.code()), role.groupName(entity));
            }
        }
        int changed = 0;
        for (int first = 0; ; first += PAGE) {
            List<Group> page = identityService.createGroupQuery().orderByGroupId().asc().listPage(first, PAGE);
            for (Group group : page) {
                String name = wanted.get(group.getId());
                if (name != null && !name.equals(group.getName())) {
                    group.setName(name);
                    try {
                        identityService.saveGroup(group);
                        changed++;
                    } catch (OptimisticLockingException e) {
                        log.info("Group {} was changed meanwhile (another node migrating): left to it", group.getId());
                    }
                }
            }
            if (page.size() < PAGE) {
                return changed;
            }
        }
    }
}
