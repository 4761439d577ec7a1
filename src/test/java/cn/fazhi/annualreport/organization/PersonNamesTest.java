package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14: people by their Chinese names in one piece (Tasklist, Cockpit and Admin show "firstName lastName", so the
 * whole 姓名 is the first name and the last name is empty), groups named with their entity's full name — for the
 * registry's people, for a name typed as 姓 and 名 through the REST API, and for a database written by an earlier
 * version, which the start-up migration brings into this shape.
 */
@AnnualReportTest
class PersonNamesTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    ProcessEngine engine;
    @Autowired
    IdentityNamesMigration migration;
    @Autowired
    TestRestTemplate rest;

    @AfterEach
    void restoreTheRegistrysNames() {
        jdbc().update("UPDATE ACT_ID_USER SET FIRST_ = '李法明', LAST_ = '' WHERE ID_ = 'bayan_owner'");
        jdbc().update("UPDATE ACT_ID_USER SET FIRST_ = '张婷', LAST_ = '' WHERE ID_ = 'bayan_office'");
        jdbc().update("UPDATE ACT_ID_GROUP SET NAME_ = '巴彦县公安局 材料报送人员' WHERE ID_ = 'bayan-gaj-contributor'");
    }

    @Test
    void theRegistrysPeopleHaveTheirWholeNameAndGroupsTheirEntitysFullName() {
        // When Tasklist reads the owner's profile (as it does for its header)
        Map<?, ?> profile = rest.exchange("/engine-rest/user/bayan_owner/profile", HttpMethod.GET,
                new HttpEntity<>(auth("bayan_owner")), Map.class).getBody();

        // Then "firstName lastName" reads 李法明, not 法明 李
        assertThat(profile.get("firstName")).isEqualTo("李法明");
        assertThat(profile.get("lastName")).isEqualTo("");
        // And the groups of 巴彦县 and 廊坊市's police bureaus are told apart by their entity
        assertThat(identityService.createGroupQuery().groupId("bayan-gaj-contributor").singleResult().getName())
                .isEqualTo("巴彦县公安局 材料报送人员");
        assertThat(identityService.createGroupQuery().groupId("langfang-gaj-contributor").singleResult().getName())
                .isEqualTo("廊坊市公安局 材料报送人员");
        assertThat(identityService.createGroupQuery().groupId("bayan-owner").singleResult().getName())
                .startsWith("巴彦县人民政府 ");
    }

    @Test
    void aNameTypedAsSurnameAndGivenNameIsStoredInOnePiece() {
        // When the owner edits her own profile through the REST API the Western way: 名 法明, 姓 李
        ResponseEntity<?> answer = rest.exchange("/engine-rest/user/bayan_owner/profile", HttpMethod.PUT,
                new HttpEntity<>(Map.of("id", "bayan_owner", "firstName", "法明", "lastName", "李",
                        "email", "bayan.owner@example.org"), auth("bayan_owner")), String.class);

        // Then it is taken and stored as one name, 李法明
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        User owner = identityService.createUserQuery().userId("bayan_owner").singleResult();
        assertThat(owner.getFirstName()).isEqualTo("李法明");
        assertThat(owner.getLastName()).isEmpty();
    }

    @Test
    void aSurnameSentBesideTheWholeNameIsNotWrittenTwice() {
        // When a client that still splits names sends 名 王晓明 (already whole) and 姓 王
        ResponseEntity<?> answer = rest.exchange("/engine-rest/user/bayan_drafter/profile", HttpMethod.PUT,
                new HttpEntity<>(Map.of("id", "bayan_drafter", "firstName", "王晓明", "lastName", "王",
                        "email", "bayan.drafter@example.org"), auth("bayan_drafter")), String.class);

        // Then the name stays 王晓明, not 王王晓明
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(identityService.createUserQuery().userId("bayan_drafter").singleResult().getFirstName())
                .isEqualTo("王晓明");
    }

    @Test
    void aDatabaseOfAnEarlierVersionIsBroughtIntoShapeAtStartUp() {
        // Given a database in shape (whatever earlier tests left split is joined first) but for two users stored split
        // into 名 and 姓 and a group named without its entity, as earlier versions wrote them
        migration.users();
        migration.groups();
        jdbc().update("UPDATE ACT_ID_USER SET FIRST_ = '法明', LAST_ = '李' WHERE ID_ = 'bayan_owner'");
        jdbc().update("UPDATE ACT_ID_USER SET FIRST_ = '婷', LAST_ = '张' WHERE ID_ = 'bayan_office'");
        jdbc().update("UPDATE ACT_ID_GROUP SET NAME_ = '公安局 材料报送人员' WHERE ID_ = 'bayan-gaj-contributor'");

        // When the application starts (its start-up migration runs)
        int users = migration.users();
        int groups = migration.groups();

        // Then each name is whole again, the group named with its entity, and nothing else was rewritten
        assertThat(users).isEqualTo(2);
        assertThat(groups).isEqualTo(1);
        assertThat(identityService.createUserQuery().userId("bayan_owner").singleResult().getFirstName()).isEqualTo("李法明");
        assertThat(identityService.createUserQuery().userId("bayan_office").singleResult().getFirstName()).isEqualTo("张婷");
        assertThat(identityService.createGroupQuery().groupId("bayan-gaj-contributor").singleResult().getName())
                .isEqualTo("巴彦县公安局 材料报送人员");
        // And the owner still logs in with her password
        assertThat(rest.exchange("/engine-rest/user/bayan_owner/profile", HttpMethod.GET,
                new HttpEntity<>(auth("bayan_owner")), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        // And a second start changes nothing
        assertThat(migration.users()).isZero();
        assertThat(migration.groups()).isZero();
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource());
    }

    private static HttpHeaders auth(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return headers;
    }
}
