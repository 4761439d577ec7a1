package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** GET /api/entities and the identity the application keeps in Camunda for the entities. */
@AnnualReportTest
class EntityApiTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;

    @Test
    @SuppressWarnings("unchecked")
    void listsTheEntitiesWithRecipientsDepartmentsAndGroups() {
        // When a logged-in user lists the entities
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("bayan_owner", "demo");
        ResponseEntity<List<Map<String, Object>>> response = rest.exchange("/api/entities", HttpMethod.GET,
                new HttpEntity<>(headers), new ParameterizedTypeReference<>() { });

        // Then the three governments of the real reports are there with their departments and derived recipients
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> bayan = response.getBody().stream().filter(e -> "bayan".equals(e.get("code")))
                .findFirst().orElseThrow();
        assertThat(bayan).containsEntry("name", "巴彦县人民政府").containsEntry("parent", "harbin")
                .containsEntry("type", "GOVERNMENT").containsEntry("reviewGate", "EXECUTIVE_MEETING")
                .containsEntry("documentNumberPrefix", "巴政呈")
                .containsEntry("copyTo", "中共哈尔滨市委全面依法治市委员会办公室");
        assertThat((List<Object>) bayan.get("recipients")).containsExactly("中共巴彦县委", "巴彦县人大常委会", "中共哈尔滨市委",
                "哈尔滨市人民政府");
        assertThat((List<Object>) bayan.get("departments")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(response.getBody()).extracting(e -> e.get("code")).contains("xinhua", "langfang", "pingdingshan", "hebei");
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(rest.getForEntity("/api/entities", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void everyRoleOfEveryEntityIsACamundaGroupAndDemoPeopleAreMembers() {
        // Then the groups exist and the demo users carry their roles and mail addresses
        assertThat(identityService.createGroupQuery().groupId("bayan-drafter").singleResult().getName())
                .isEqualTo("巴彦县人民政府 起草人员");
        assertThat(identityService.createGroupQuery().groupId("bayan-gaj-contributor").singleResult().getName())
                .isEqualTo("巴彦县公安局 材料报送人员");
        assertThat(identityService.createUserQuery().memberOfGroup("bayan-gaj-contributor").list())
                .extracting(u -> u.getId()).containsExactly("bayan_gaj_staff");
        assertThat(identityService.createUserQuery().userId("xinhua_leader").singleResult().getEmail())
                .isEqualTo("xinhua.leader@example.org");
        assertThat(identityService.checkPassword("langfang_office", "demo")).isTrue();
    }

    @Test
    void metricsNeedALoginAndShowWhetherTheCalendarKnowsTheYears() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", "Fz-Test-K7q#2026-Vw");

        ResponseEntity<String> anonymous = rest.getForEntity("/actuator/metrics/report.calendar.years", String.class);
        ResponseEntity<String> admin = rest.exchange("/actuator/metrics/report.calendar.years", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin.getBody()).contains("report.calendar.years", "2026");
    }
}
