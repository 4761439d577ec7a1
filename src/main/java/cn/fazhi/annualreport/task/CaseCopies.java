package cn.fazhi.annualreport.task;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Cases copied for information (抄送): the {@code case_copy} rows and the recipient's read grants on the case. */
@Repository
class CaseCopies {

    private final JdbcTemplate jdbc;
    private final AuthorizationService authorizationService;

    CaseCopies(JdbcTemplate jdbc, AuthorizationService authorizationService) {
        this.jdbc = jdbc;
        this.authorizationService = authorizationService;
    }

    /** Records a copy; answers its id. */
    long record(String processInstanceId, String taskId, String fromUser, String toUser, String note, Date at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO case_copy (process_instance_id,"
                    + " task_id, from_user, to_user, note, created_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            insert.setString(1, processInstanceId);
            insert.setString(2, taskId);
            insert.setString(3, fromUser);
            insert.setString(4, toUser);
            insert.setString(5, note == null || note.isEmpty() ? null : note);
            insert.setTimestamp(6, new Timestamp(at.getTime()));
            return insert;
        }, keys);
        return keys.getKey().longValue();
    }

    /** The copies addressed to a user, newest first. */
    List<Row> to(String userId) {
        return jdbc.query("SELECT id, process_instance_id, task_id, from_user, to_user, note, created_at FROM case_copy"
                        + " WHERE to_user = ? ORDER BY created_at DESC, id DESC",
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7)), userId);
    }

    /**
     * Lets the user read the case (runtime and history): what Cockpit, the engine's REST API and
     * GET /api/reports/{entity}/{year} check. Idempotent. Runs with the engine's authorization checks off, so call it only
     * after the caller's right to copy the case was checked.
     */
    void grantRead(String userId, String processInstanceId) {
        grantUser(userId, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
        grantUser(userId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ);
    }

    private void grantUser(String userId, Resource resource, String resourceId, Permission permission) {
        Authorization grant = authorizationService.createAuthorizationQuery()
                .userIdIn(userId).resourceType(resource).resourceId(resourceId).list().stream()
                .filter(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
                .findFirst()
                .orElse(null);
        if (grant == null) {
            grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setUserId(userId);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
        } else if (grant.isPermissionGranted(permission)) {
            return;
        }
        grant.addPermission(permission);
        authorizationService.saveAuthorization(grant);
    }

    /** One row of {@code case_copy}. */
    record Row(long id, String processInstanceId, String taskId, String fromUser, String toUser, String note,
               Timestamp createdAt) {
    }
}
