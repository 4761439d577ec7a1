package cn.fazhi.annualreport.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** An import that moves a government under another lets the new supervising office read its existing cases. */
@AnnualReportTest
class SupervisionAfterMoveTest {

    private static final String HEADER = "单位代码,单位名称,类型,层级,上级单位代码,牵头负责人,起草人员,办公室人员,保密审查人员\n";
    /** One clerk in every role a county's case needs (a case is not started for a role without people). */
    private static final String PEOPLE = ",zz_county:某某:zz.county@example.org".repeat(4);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void cleanUp() {
        new TestCases(engine).cleanUp();
        jdbc.update("DELETE FROM report_case WHERE entity_code LIKE 'zz-%'");
        jdbc.update("DELETE FROM reporting_entity WHERE code LIKE 'zz-%'");
        if (engine.getIdentityService().createUserQuery().userId("zz_county").count() > 0) {
            engine.getIdentityService().deleteUser("zz_county");
        }
        for (Group g : engine.getIdentityService().createGroupQuery().list()) {
            if (g.getId().startsWith("zz-")) {
                engine.getIdentityService().deleteGroup(g.getId());
            }
        }
    }

    private HttpStatus importAsAdmin(String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", "Fz-Test-K7q#2026-Vw");
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return HttpStatus.valueOf(rest.exchange("/api/entities/import?wait=50", HttpMethod.POST,
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), String.class).getStatusCode().value());
    }

    private boolean ownersOfRead(String government, String processInstanceId) {
        return authorizationService.isUserAuthorized("nobody", List.of(government + "-owner"), Permissions.READ,
                Resources.PROCESS_INSTANCE, processInstanceId);
    }

    @Test
    void theNewParentsOwnersReadTheCasesOfAMovedCounty() {
        // Given a county below one city, with a running case
        assertThat(importAsAdmin(HEADER + "zz-city-a,甲市人民政府,政府,市级,,,,,\nzz-city-b,乙市人民政府,政府,市级,,,,,\n"
                + "zz-county,某县人民政府,政府,县级,zz-city-a" + PEOPLE + "\n")).isEqualTo(HttpStatus.OK);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        ProcessInstance pi = new TestCases(engine).start("zz-county", 2025);
        assertThat(ownersOfRead("zz-city-a", pi.getId())).isTrue();
        assertThat(ownersOfRead("zz-city-b", pi.getId())).isFalse();

        // When an import moves the county below the other city
        assertThat(importAsAdmin(HEADER + "zz-county,某县人民政府,政府,县级,zz-city-b" + PEOPLE + "\n"))
                .isEqualTo(HttpStatus.OK);

        // Then the new city's owners read the existing case, and the former city's keep what they had
        assertThat(ownersOfRead("zz-city-b", pi.getId())).isTrue();
        assertThat(ownersOfRead("zz-city-a", pi.getId())).isTrue();
    }
}
