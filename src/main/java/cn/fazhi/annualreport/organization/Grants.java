package cn.fazhi.annualreport.organization;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Service;

/** Grants Camunda permissions to groups idempotently: an existing grant is extended, never duplicated. */
@Service
public class Grants {

    private static final int PAGE = 500;
    /** Groups that had no grant at all when the running import began (set by the importer on its thread). */
    private static final ThreadLocal<Set<String>> FRESH = new ThreadLocal<>();

    private final AuthorizationService authorizationService;

    Grants(AuthorizationService authorizationService) {
        this.authorizationService = authorizationService;
    }

    public void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization grant = authorizationService.createAuthorizationQuery()
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).list().stream()
                .filter(a -> a.getAuthorizationType() == AUTH_TYPE_GRANT)
                .findFirst()
                .orElse(null);
        save(grant, groupId, resource, resourceId, permissions);
    }

    private void save(Authorization grant, String groupId, Resource resource, String resourceId,
                      Permission... permissions) {
        boolean changed = false;
        if (grant == null) {
            grant = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            grant.setGroupId(groupId);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
            changed = true;
        }
        for (Permission permission : permissions) {
            if (!grant.isPermissionGranted(permission)) {
                grant.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(grant);
        }
    }

    /**
     * The same for many groups at once: the existing grants are read with one query per {@value #PAGE} groups instead
     * of one per group (a registry import grants tens of thousands).
     */
    public void grantGroups(Collection<String> groupIds, Resource resource, String resourceId,
                            Permission... permissions) {
        List<String> ids = new ArrayList<>(groupIds);
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            Set<String> fresh = FRESH.get();
            String[] lookUp = page.stream().filter(id -> fresh == null || !fresh.contains(id)).toArray(String[]::new);
            Map<String, Authorization> existing = new HashMap<>();
            if (lookUp.length > 0) {
                authorizationService.createAuthorizationQuery().groupIdIn(lookUp)
                        .resourceType(resource).resourceId(resourceId).list().stream()
                        .filter(a -> a.getAuthorizationType() == AUTH_TYPE_GRANT)
                        .forEach(a -> existing.putIfAbsent(a.getGroupId(), a));
            }
            for (String groupId : page) {
                save(existing.get(groupId), groupId, resource, resourceId, permissions);
            }
        }
    }

    /**
     * Of these groups, those that have no grant at all, read in pages of {@value #PAGE} (before an import writes: in
     * its growing transaction PostgreSQL's look-ups of grants slowed to seconds each).
     */
    Set<String> withoutGrants(Collection<String> groupIds) {
        List<String> ids = new ArrayList<>(groupIds);
        Set<String> without = new HashSet<>(ids);
        for (int from = 0; from < ids.size(); from += PAGE) {
            authorizationService.createAuthorizationQuery()
                    .groupIdIn(ids.subList(from, Math.min(ids.size(), from + PAGE)).toArray(String[]::new)).list()
                    .forEach(a -> without.remove(a.getGroupId()));
        }
        return without;
    }

    /** Runs an import's work on this thread knowing which groups have no grant, so that theirs are not looked up. */
    <T> T withFreshGroups(Set<String> fresh, java.util.function.Supplier<T> work) {
        FRESH.set(fresh);
        try {
            return work.get();
        } finally {
            FRESH.remove();
        }
    }

    /** Grants every user (Camunda's "*"). */
    public void grantAll(Resource resource, String resourceId, Permission... permissions) {
        Authorization grant = authorizationService.createAuthorizationQuery()
                .userIdIn(Authorization.ANY).resourceType(resource).resourceId(resourceId).list().stream()
                .filter(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GLOBAL)
                .findFirst()
                .orElse(null);
        if (grant == null) {
            grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
            grant.setUserId(Authorization.ANY);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
        }
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        authorizationService.saveAuthorization(grant);
    }
}
