package cn.fazhi.annualreport.organization;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a registry CSV file all-or-nothing: every line is checked against the file and the stored registry (codes,
 * parents, types, cycles, people) before anything is written; then entities, Camunda groups, users and memberships are
 * written in one transaction. Entities missing from the file are left as they are (deactivate them with 启用=否).
 */
@Service
class EntityImporter {

    private static final Logger log = LoggerFactory.getLogger(EntityImporter.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityStore store;
    private final IdentityService identityService;
    private final Grants grants;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    EntityImporter(EntityStore store, IdentityService identityService, Grants grants,
                   ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.store = store;
        this.identityService = identityService;
        this.grants = grants;
        this.events = events;
        this.transaction = transaction;
    }

    /** What an import did. New users get an unusable random password unless one is given (demo data only). */
    record Result(int created, int updated, List<String> usersCreated, int usersUpdated, int membershipsAdded,
                  int membershipsRemoved) {
    }

    Result importFile(byte[] file, String importedBy, String newUserPassword) {
        EntityCsv.Parsed parsed = EntityCsv.parse(file);
        List<LineError> errors = new ArrayList<>(parsed.errors());
        Map<String, ReportingEntity> merged = new LinkedHashMap<>();
        store.all().forEach(e -> merged.put(e.code(), e));
        Map<String, EntityRow> fileRows = new LinkedHashMap<>();
        for (EntityRow row : parsed.rows()) {
            EntityRow first = fileRows.putIfAbsent(row.entity().code(), row);
            if (first != null) {
                errors.add(new LineError(row.line(), "单位代码“" + row.entity().code() + "”与第" + first.line() + "行重复",
                        "Duplicate code \"" + row.entity().code() + "\" (first on line " + first.line() + ")"));
            } else {
                merged.put(row.entity().code(), row.entity());
            }
        }
        for (EntityRow row : fileRows.values()) {
            checkStructure(row, merged, errors);
        }
        Map<String, Person> people = checkPeople(fileRows.values(), errors);
        if (!errors.isEmpty()) {
            throw EntityImportException.rejected(errors);
        }
        Result result = transaction.execute(status -> write(fileRows.values(), people, importedBy, newUserPassword));
        log.info("Registry import by {}: {} entities created, {} updated, {} users created, {} updated, "
                        + "memberships +{} -{}", importedBy, result.created(), result.updated(),
                result.usersCreated().size(), result.usersUpdated(), result.membershipsAdded(),
                result.membershipsRemoved());
        return result;
    }

    private static void checkStructure(EntityRow row, Map<String, ReportingEntity> merged, List<LineError> errors) {
        ReportingEntity e = row.entity();
        int line = row.line();
        ReportingEntity parent = e.parent() == null ? null : merged.get(e.parent());
        if (e.parent() != null && parent == null) {
            errors.add(new LineError(line, "上级单位“" + e.parent() + "”不存在（文件和名录中均无）",
                    "Unknown parent \"" + e.parent() + "\" (neither in the file nor in the registry)"));
            return;
        }
        if (e.type() == EntityType.DEPARTMENT && parent == null) {
            errors.add(new LineError(line, "部门必须填写所属政府（上级单位代码）",
                    "A department needs its government as parent"));
        }
        if (parent != null && parent.type() != EntityType.GOVERNMENT) {
            errors.add(new LineError(line, "上级单位“" + e.parent() + "”不是政府",
                    "The parent \"" + e.parent() + "\" is not a government"));
        }
        if (e.type() == EntityType.DEPARTMENT && merged.values().stream().anyMatch(c -> e.code().equals(c.parent()))) {
            errors.add(new LineError(line, "“" + e.code() + "”有下级单位，不能是部门",
                    "\"" + e.code() + "\" has entities below it, so it cannot be a department"));
        }
        Set<String> seen = new HashSet<>();
        for (ReportingEntity cur = e; cur != null; cur = cur.parent() == null ? null : merged.get(cur.parent())) {
            if (!seen.add(cur.code())) {
                errors.add(new LineError(line, "上下级关系形成循环：" + String.join(" → ", seen) + " → " + cur.code(),
                        "The hierarchy has a cycle: " + String.join(" -> ", seen) + " -> " + cur.code()));
                break;
            }
        }
    }

    /** The people of the file, one per user id; the same id must have the same name and address everywhere. */
    private static Map<String, Person> checkPeople(Iterable<EntityRow> rows, List<LineError> errors) {
        Map<String, Person> people = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (EntityRow row : rows) {
            for (List<Person> list : row.people().values()) {
                for (Person p : list) {
                    Person known = people.putIfAbsent(p.id(), p);
                    firstLine.putIfAbsent(p.id(), row.line());
                    if (known != null && !known.equals(p)) {
                        errors.add(new LineError(row.line(), "账号" + p.id() + "的姓名或邮箱与第"
                                + firstLine.get(p.id()) + "行不一致", "User " + p.id()
                                + " has a different name or email than on line " + firstLine.get(p.id())));
                    }
                }
            }
        }
        return people;
    }

    private Result write(Iterable<EntityRow> rows, Map<String, Person> people, String by, String newUserPassword) {
        int created = 0;
        int updated = 0;
        List<String> codes = new ArrayList<>();
        for (EntityRow row : rows) {
            if (store.save(row.entity(), by)) {
                created++;
            } else {
                updated++;
            }
            codes.add(row.entity().code());
            ensureGroups(row.entity());
        }
        List<String> usersCreated = new ArrayList<>();
        int usersUpdated = 0;
        for (Person p : people.values()) {
            User user = identityService.createUserQuery().userId(p.id()).singleResult();
            if (user == null) {
                user = identityService.newUser(p.id());
                user.setPassword(newUserPassword != null ? newUserPassword : unusablePassword());
                usersCreated.add(p.id());
            } else if (Objects.equals(user.getEmail(), p.email()) && Objects.equals(user.getFirstName(), p.name())
                    && Objects.equals(user.getLastName(), "")) {
                continue;
            } else {
                usersUpdated++;
            }
            // the whole 姓名 in one piece (PersonNames): Camunda's webapps show "firstName lastName"
            user.setFirstName(p.name());
            user.setLastName("");
            user.setEmail(p.email());
            identityService.saveUser(user);
        }
        int added = 0;
        int removed = 0;
        List<String> emptied = new ArrayList<>();
        for (EntityRow row : rows) {
            for (Map.Entry<Role, List<Person>> entry : row.people().entrySet()) {
                String groupId = entry.getKey().groupId(row.entity().code());
                Set<String> wanted = new HashSet<>(entry.getValue().stream().map(Person::id).toList());
                boolean hadMembers = false;
                for (User member : identityService.createUserQuery().memberOfGroup(groupId).list()) {
                    hadMembers = true;
                    if (!wanted.remove(member.getId())) {
                        identityService.deleteMembership(member.getId(), groupId);
                        removed++;
                    }
                }
                if (hadMembers && entry.getValue().isEmpty()) {
                    emptied.add(groupId);
                }
                for (String userId : wanted) {
                    identityService.createMembership(userId, groupId);
                    added++;
                }
            }
        }
        events.publishEvent(new EntitiesImported(codes, emptied));
        return new Result(created, updated, List.copyOf(usersCreated), usersUpdated, added, removed);
    }

    /** One Camunda group per role, named after the entity's full name, with access to Tasklist. */
    private void ensureGroups(ReportingEntity entity) {
        for (Role role : Role.values()) {
            String groupId = role.groupId(entity.code());
            String name = role.groupName(entity);
            Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
            if (group == null) {
                group = identityService.newGroup(groupId);
                group.setType("WORKFLOW");
            } else if (name.equals(group.getName())) {
                continue;
            }
            group.setName(name);
            identityService.saveGroup(group);
            grants.grantGroup(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        }
    }

    /** A password nobody knows: an admin sets the real one in Camunda Admin (or the user's own single sign-on). */
    private static String unusablePassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
