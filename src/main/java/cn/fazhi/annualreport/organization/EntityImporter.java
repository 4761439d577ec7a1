package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.security.SystemCall;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationManager;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a registry CSV file all-or-nothing: every line is checked against the file and the stored registry (codes,
 * parents, types, cycles, people) before anything is written; then entities, Camunda groups, users and memberships are
 * written in one database transaction, as the system (the caller's right was checked at the gate), in engine
 * commands of {@value #CHUNK} entities each, so that the engine's entity cache and its flush stay small and every
 * command's inserts go to the database as JDBC batches (docs/organization.md, "At national scale").
 */
@Service
class EntityImporter {

    /** Entities (and people) per engine command: large enough for batched inserts, small enough for the heap. */
    static final int CHUNK = 100;

    private static final Logger log = LoggerFactory.getLogger(EntityImporter.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityStore store;
    private final IdentityService identityService;
    private final Grants grants;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final CommandExecutor commands;

    EntityImporter(EntityStore store, IdentityService identityService, Grants grants,
                   ApplicationEventPublisher events, TransactionTemplate transaction, ProcessEngine engine) {
        this.store = store;
        this.identityService = identityService;
        this.grants = grants;
        this.events = events;
        this.transaction = transaction;
        this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
    }

    /** What an import did. New users get an unusable random password unless one is given (demo data only). */
    record Result(int created, int updated, List<String> usersCreated, int usersUpdated, int membershipsAdded,
                  int membershipsRemoved) {
    }

    /** A file that passed every check: its rows in file order and its people, one per user id. */
    record Checked(List<EntityRow> rows, Map<String, Person> people) {
    }

    /** What a running import tells its job: progress after each command, and the result before it commits. */
    interface Progress {

        Progress NONE = new Progress() {
        };

        default void done(int entities, int people) {
        }

        /** Called inside the import's transaction, after everything is written: whatever it writes commits with it. */
        default void completing(Result result) {
        }
    }

    Result importFile(byte[] file, String importedBy, String newUserPassword) {
        return importFile(check(file), importedBy, newUserPassword, Progress.NONE);
    }

    /** Checks a file against itself and the stored registry; throws the 400 with every bad line. */
    Checked check(byte[] file) {
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
        Set<String> parents = new HashSet<>();
        merged.values().forEach(e -> parents.add(e.parent()));
        for (EntityRow row : fileRows.values()) {
            checkStructure(row, merged, parents, errors);
        }
        Map<String, Person> people = checkPeople(fileRows.values(), errors);
        if (!errors.isEmpty()) {
            throw EntityImportException.rejected(errors);
        }
        return new Checked(List.copyOf(fileRows.values()), people);
    }

    /** Writes a checked file in one transaction, as the system; the progress hears of every command. */
    Result importFile(Checked file, String importedBy, String newUserPassword, Progress progress) {
        long start = System.nanoTime();
        Result result = SystemCall.run(identityService, () -> {
            // read before the transaction writes: inside it, the databases' look-ups slow down with its size
            List<String> groupIds = new ArrayList<>();
            file.rows().forEach(row -> List.of(Role.values()).forEach(r -> groupIds.add(r.groupId(row.entity().code()))));
            Set<String> fresh = grants.withoutGrants(groupIds);
            Set<String> existingGroups = existingGroups(groupIds);
            return grants.withFreshGroups(fresh, () -> transaction.execute(status -> {
                Result written = write(file, existingGroups, importedBy, newUserPassword, progress);
                progress.completing(written);
                return written;
            }));
        });
        log.info("Registry import by {} in {} ms: {} entities created, {} updated, {} users created, {} updated, "
                        + "memberships +{} -{}", importedBy, (System.nanoTime() - start) / 1_000_000,
                result.created(), result.updated(), result.usersCreated().size(), result.usersUpdated(),
                result.membershipsAdded(), result.membershipsRemoved());
        return result;
    }

    private static void checkStructure(EntityRow row, Map<String, ReportingEntity> merged, Set<String> parents,
                                       List<LineError> errors) {
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
        if (e.type() == EntityType.DEPARTMENT && parents.contains(e.code())) {
            errors.add(new LineError(line, "“" + e.code() + "”有下级单位，不能是部门",
                    "\"" + e.code() + "\" has entities below it, so it cannot be a department"));
        }
        Set<String> seen = new java.util.LinkedHashSet<>();
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
        Map<String, Person> people = new LinkedHashMap<>();
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

    /** Which of these groups exist, read in pages. */
    private Set<String> existingGroups(List<String> groupIds) {
        Set<String> existing = new HashSet<>();
        for (List<String> page : chunks(groupIds, 500)) {
            identityService.createGroupQuery().groupIdIn(page.toArray(String[]::new)).list()
                    .forEach(g -> existing.add(g.getId()));
        }
        return existing;
    }

    private Result write(Checked file, Set<String> existingGroups, String by, String newUserPassword,
                         Progress progress) {
        List<String> usersCreated = new ArrayList<>();
        int usersUpdated = 0;
        List<Person> people = List.copyOf(file.people().values());
        for (List<Person> chunk : chunks(people)) {
            usersUpdated += inCommand(context -> writeUsers(chunk, newUserPassword, usersCreated));
            progress.done(0, usersCreated.size() + usersUpdated);
        }
        int[] counts = new int[4]; // created, updated, memberships added, removed
        int done = 0;
        for (List<EntityRow> chunk : chunks(file.rows())) {
            EntitiesImported imported = inCommand(context -> writeEntities(chunk, existingGroups, by, counts));
            // a command of its own: the listeners' queries (who is still a member) see this chunk's rows written
            inCommand(context -> {
                events.publishEvent(imported);
                return null;
            });
            done += chunk.size();
            progress.done(done, people.size());
        }
        return new Result(counts[0], counts[1], List.copyOf(usersCreated), usersUpdated, counts[2], counts[3]);
    }

    /**
     * Runs one engine command in the import's transaction and then drops what it cached. Camunda's Spring transaction
     * context registers every command context with the transaction, which keeps it, and with it the command's entity
     * cache and flushed operations, reachable until the transaction ends: a national import kept every user, group
     * and grant it wrote on the heap (measured: 1 GB full, the import stalled in full GCs). The command has flushed
     * when it returns, so nothing cached is needed any more.
     */
    private <T> T inCommand(Command<T> work) {
        DbEntityManager[] used = new DbEntityManager[1];
        T result = commands.execute(context -> {
            used[0] = context.getDbEntityManager();
            return work.execute(context);
        });
        used[0].setDbEntityCache(new DbEntityCache());
        used[0].setDbOperationManager(new DbOperationManager());
        return result;
    }

    /** One command: the people of a chunk, created or brought up to date. Answers how many were updated. */
    private int writeUsers(List<Person> chunk, String newUserPassword, List<String> usersCreated) {
        Map<String, User> existing = new HashMap<>();
        identityService.createUserQuery().userIdIn(ids(chunk, Person::id)).list()
                .forEach(u -> existing.put(u.getId(), u));
        int updated = 0;
        for (Person p : chunk) {
            User user = existing.get(p.id());
            if (user == null) {
                user = identityService.newUser(p.id());
                user.setPassword(newUserPassword != null ? newUserPassword : unusablePassword());
                usersCreated.add(p.id());
            } else if (Objects.equals(user.getEmail(), p.email()) && Objects.equals(user.getFirstName(), p.name())
                    && Objects.equals(user.getLastName(), "")) {
                continue;
            } else {
                updated++;
            }
            // the whole 姓名 in one piece (PersonNames): Camunda's webapps show "firstName lastName"
            user.setFirstName(p.name());
            user.setLastName("");
            user.setEmail(p.email());
            identityService.saveUser(user);
        }
        return updated;
    }

    /** One command: a chunk's entities, their groups (with Tasklist access) and memberships; answers the event. */
    private EntitiesImported writeEntities(List<EntityRow> chunk, Set<String> existingGroups, String by,
                                           int[] counts) {
        int created = store.saveAll(chunk.stream().map(EntityRow::entity).toList(), by);
        counts[0] += created;
        counts[1] += chunk.size() - created;
        List<String> groupIds = new ArrayList<>();
        chunk.forEach(row -> List.of(Role.values()).forEach(r -> groupIds.add(r.groupId(row.entity().code()))));
        Map<String, Group> existing = new HashMap<>();
        String[] known = groupIds.stream().filter(existingGroups::contains).toArray(String[]::new);
        if (known.length > 0) {
            identityService.createGroupQuery().groupIdIn(known).list().forEach(g -> existing.put(g.getId(), g));
        }
        // the chunk's people in the command's cache with one query: each membership below looks its user up there
        Set<String> members = new HashSet<>();
        chunk.forEach(row -> row.people().values().forEach(list -> list.forEach(p -> members.add(p.id()))));
        if (!members.isEmpty()) {
            identityService.createUserQuery().userIdIn(members.toArray(String[]::new)).list();
        }
        List<String> named = new ArrayList<>();
        for (EntityRow row : chunk) {
            for (Role role : Role.values()) {
                String groupId = role.groupId(row.entity().code());
                String name = role.groupName(row.entity());
                Group group = existing.get(groupId);
                if (group == null) {
                    group = identityService.newGroup(groupId);
                    group.setType("WORKFLOW");
                } else if (name.equals(group.getName())) {
                    continue;
                }
                group.setName(name);
                identityService.saveGroup(group);
                named.add(groupId);
            }
        }
        grants.grantGroups(named, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        List<String> emptied = new ArrayList<>();
        for (EntityRow row : chunk) {
            for (Map.Entry<Role, List<Person>> entry : row.people().entrySet()) {
                String groupId = entry.getKey().groupId(row.entity().code());
                Set<String> wanted = new HashSet<>(entry.getValue().stream().map(Person::id).toList());
                boolean hadMembers = false;
                if (existing.containsKey(groupId)) { // a group created just now has no members
                    for (User member : identityService.createUserQuery().memberOfGroup(groupId).list()) {
                        hadMembers = true;
                        if (!wanted.remove(member.getId())) {
                            identityService.deleteMembership(member.getId(), groupId);
                            counts[3]++;
                        }
                    }
                }
                if (hadMembers && entry.getValue().isEmpty()) {
                    emptied.add(groupId);
                }
                for (String userId : wanted) {
                    identityService.createMembership(userId, groupId);
                    counts[2]++;
                }
            }
        }
        return new EntitiesImported(chunk.stream().map(r -> r.entity().code()).toList(), emptied);
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        return chunks(all, CHUNK);
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    private static <T> String[] ids(Collection<T> items, java.util.function.Function<T, String> id) {
        return items.stream().map(id).toArray(String[]::new);
    }

    /** A password nobody knows: an admin sets the real one in Camunda Admin (or the user's own single sign-on). */
    private static String unusablePassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
