package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator who tries to take a permission away with a REVOKE authorization, which the engine does not check
 * (authorizationCheckRevokes: never): refused with a clear 400 on every way in, nothing stored.
 */
@AnnualReportTest
class RevokeAuthorizationTest {

    private static final String REVOKE = "{\"type\":2,\"permissions\":[\"READ\"],\"userId\":null,"
            + "\"groupId\":\"bayan-staff\",\"resourceType\":8,\"resourceId\":\"*\"}";
    private static final String GRANT = "{\"type\":1,\"permissions\":[\"READ\"],\"userId\":null,"
            + "\"groupId\":\"revoke-probe\",\"resourceType\":8,\"resourceId\":\"*\"}";

    @Autowired
    ProcessEngine engine;
    @LocalServerPort
    int port;

    @Test
    void aRevokeIsRefusedThroughTheEngineApiAndCamundaAdmin() {
        // Given the administrator, once with HTTP Basic on the engine REST API and once logged into Camunda Admin
        String admin = Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD);
        Http browser = Http.client(port);
        assertThat(browser.webappLogin(Http.ADMIN, Http.ADMIN_PASSWORD, "admin").statusCode()).isEqualTo(200);

        // When each creates a REVOKE authorization
        HttpResponse<String> rest = Http.client(port).send("POST", "/engine-rest/authorization/create",
                "application/json", REVOKE, "Authorization", admin);
        HttpResponse<String> webapp = browser.send("POST", "/camunda/api/engine/engine/default/authorization/create",
                "application/json", REVOKE, "X-XSRF-TOKEN", browser.xsrfToken());

        // Then both are refused in both languages, and no revoke is stored
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(400);
        assertThat(rest.body()).contains("REVOKE", "messageZh", "messageEn");
        assertThat(webapp.statusCode()).as(webapp.body()).isEqualTo(400);
        assertThat(engine.getAuthorizationService().createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_REVOKE).count()).isZero();
    }

    @Test
    void aGrantIsStillSaved() {
        // When the administrator grants a permission through the engine REST API
        HttpResponse<String> grant = Http.client(port).send("POST", "/engine-rest/authorization/create",
                "application/json", GRANT, "Authorization", Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD));

        // Then it is stored
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn("revoke-probe").count())
                .isEqualTo(1);
        engine.getAuthorizationService().createAuthorizationQuery().groupIdIn("revoke-probe").list()
                .forEach(a -> engine.getAuthorizationService().deleteAuthorization(a.getId()));
    }
}
