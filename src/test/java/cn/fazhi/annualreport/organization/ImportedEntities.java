package cn.fazhi.annualreport.organization;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;

/** Removes what a test's registry files imported: entities, groups and people whose ids start with its prefixes. */
final class ImportedEntities {

    private ImportedEntities() {
    }

    /** Entities and groups whose code starts with a code prefix, people whose id starts with a user prefix. */
    static void remove(JdbcTemplate jdbc, IdentityService identityService, String[] codePrefixes,
                       String[] userPrefixes) {
        for (String prefix : codePrefixes) {
            jdbc.update("DELETE FROM reporting_entity WHERE code LIKE ?", prefix + "%");
        }
        for (Group g : identityService.createGroupQuery().list()) {
            if (startsWithAny(g.getId(), codePrefixes)) {
                identityService.deleteGroup(g.getId());
            }
        }
        for (User u : identityService.createUserQuery().list()) {
            if (startsWithAny(u.getId(), userPrefixes)) {
                identityService.deleteUser(u.getId());
            }
        }
    }

    private static boolean startsWithAny(String id, String[] prefixes) {
        for (String prefix : prefixes) {
            if (id.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
