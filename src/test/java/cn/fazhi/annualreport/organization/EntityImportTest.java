package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /api/entities/import and GET /api/entities/export: all-or-nothing imports that keep Camunda identity in line. */
@AnnualReportTest
class EntityImportTest {

    private static final String HEADER = "单位代码,单位名称,类型,层级,上级单位代码,审议方式,文号前缀,启用,牵头负责人,起草人员\n";
    private static final String CITY = "zz-city,某市人民政府,政府,市级,,政府常务会议,某市政呈,是,zz_city_owner:钱市:city@example.org,\n";
    private static final String COUNTY = "zz-county,某县人民政府,政府,县级,zz-city,政府常务会议,某县政呈,是,"
            + "zz_owner:李主任:owner@example.org,zz_drafter:王起草:drafter@example.org；zz_clerk:张文书:clerk@example.org\n";
    private static final String DEPARTMENT = "zz-county-sfj,某县司法局,部门,县级,zz-county,领导班子会议,某司呈,是,"
            + "zz_owner:李主任:owner@example.org,\n";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    EntityRegistry registry;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void removeTestEntities() {
        jdbc.update("DELETE FROM reporting_entity WHERE code LIKE 'zz-%'");
        for (Group g : identityService.createGroupQuery().groupIdIn(groupIds()).list()) {
            identityService.deleteGroup(g.getId());
        }
        for (User u : identityService.createUserQuery().list()) {
            if (u.getId().startsWith("zz_")) {
                identityService.deleteUser(u.getId());
            }
        }
    }

    private static String[] groupIds() {
        return List.of("zz-city", "zz-county", "zz-county-sfj", "zz-a", "zz-b").stream()
                .flatMap(c -> java.util.Arrays.stream(Role.values()).map(r -> r.groupId(c)))
                .toArray(String[]::new);
    }

    private ResponseEntity<Map<String, Object>> importAs(String user, String password, String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return rest.exchange("/api/entities/import?wait=50", HttpMethod.POST,
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), new ParameterizedTypeReference<>() { });
    }

    private ResponseEntity<Map<String, Object>> importAsAdmin(String csv) {
        return importAs("admin", "Fz-Test-K7q#2026-Vw", csv);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGoodFileCreatesEntitiesGroupsUsersAndMemberships() {
        // Given a city, a county and its department with their people
        String file = HEADER + CITY + COUNTY + DEPARTMENT;

        // When an admin imports it
        ResponseEntity<Map<String, Object>> response = importAsAdmin(file);

        // Then three entities and four users are created
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("created", 3).containsEntry("updated", 0);
        assertThat((List<String>) response.getBody().get("usersCreated"))
                .containsExactlyInAnyOrder("zz_city_owner", "zz_owner", "zz_drafter", "zz_clerk");
        // and the registry knows them, with derived recipients
        ReportingEntity county = registry.find("zz-county").orElseThrow();
        assertThat(county.documentNumberPrefix()).isEqualTo("某县政呈");
        assertThat(registry.departmentsOf("zz-county")).extracting(ReportingEntity::code).containsExactly("zz-county-sfj");
        assertThat(registry.recipientsOf(county).filing()).containsExactly("某市人民政府");
        // and Camunda identity has the groups (with Tasklist access), the users with their addresses and roles
        assertThat(identityService.createGroupQuery().groupId("zz-county-drafter").singleResult().getName())
                .isEqualTo("某县人民政府 起草人员");
        assertThat(identityService.createUserQuery().memberOfGroup("zz-county-drafter").list())
                .extracting(User::getId).containsExactlyInAnyOrder("zz_drafter", "zz_clerk");
        assertThat(identityService.createUserQuery().userId("zz_owner").singleResult())
                .satisfies(u -> assertThat(u.getEmail()).isEqualTo("owner@example.org"))
                .satisfies(u -> assertThat(u.getLastName() + u.getFirstName()).isEqualTo("李主任"));
        assertThat(identityService.createUserQuery().memberOfGroup("zz-county-sfj-owner").list())
                .extracting(User::getId).containsExactly("zz_owner");
        assertThat(authorizationService.isUserAuthorized("zz_drafter", List.of("zz-county-drafter"),
                Permissions.ACCESS, Resources.APPLICATION, "tasklist")).isTrue();
        // and the owners may start the annual-report process (granted by the report module in the same transaction)
        assertThat(authorizationService.isUserAuthorized("zz_owner", List.of("zz-county-owner"),
                Permissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, "annual-report")).isTrue();
        // and a new user cannot log in before an admin sets a password
        assertThat(identityService.checkPassword("zz_drafter", "demo")).isFalse();
    }

    @Test
    void aSecondImportUpdatesAndReplacesTheMembersOfTheRoleColumnsItHas() {
        // Given the county imported with two drafters
        importAsAdmin(HEADER + CITY + COUNTY);

        // When a file renames it, deactivates it and lists only one drafter
        String changed = HEADER + "zz-county,某县人民政府（新）,政府,县级,zz-city,主要负责人签字,某县政呈,否,"
                + "zz_owner:李主任:owner2@example.org,zz_clerk:张文书:clerk@example.org\n";
        ResponseEntity<Map<String, Object>> response = importAsAdmin(changed);

        // Then the entity is updated, the owner's address too, and the drafter not listed is no longer a member
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("created", 0).containsEntry("updated", 1)
                .containsEntry("usersUpdated", 1).containsEntry("membershipsRemoved", 1);
        ReportingEntity county = registry.find("zz-county").orElseThrow();
        assertThat(county.name()).isEqualTo("某县人民政府（新）");
        assertThat(county.reviewGate()).isEqualTo(ReviewGate.PRINCIPAL_SIGN_OFF);
        assertThat(county.active()).isFalse();
        assertThat(registry.active()).extracting(ReportingEntity::code).doesNotContain("zz-county").contains("zz-city");
        assertThat(identityService.createUserQuery().userId("zz_owner").singleResult().getEmail())
                .isEqualTo("owner2@example.org");
        assertThat(identityService.createUserQuery().memberOfGroup("zz-county-drafter").list())
                .extracting(User::getId).containsExactly("zz_clerk");
        // and the user removed from the role still exists (their history refers to them)
        assertThat(identityService.createUserQuery().userId("zz_drafter").count()).isEqualTo(1);
    }

    static List<Arguments> badFiles() {
        return List.of(
                Arguments.of("unknown parent", HEADER + CITY
                        + "zz-a,某县人民政府,政府,县级,zz-nowhere,,,是,,\n", 3, "上级单位“zz-nowhere”不存在"),
                Arguments.of("duplicate code", HEADER + CITY + COUNTY
                        + "zz-county,另一个县,政府,县级,zz-city,,,是,,\n", 4, "与第3行重复"),
                Arguments.of("cycle", HEADER
                        + "zz-a,甲市人民政府,政府,市级,zz-b,,,是,,\n"
                        + "zz-b,乙市人民政府,政府,市级,zz-a,,,是,,\n", 2, "循环"),
                Arguments.of("missing column", "单位代码,单位名称,上级单位代码\nzz-a,某县人民政府,\n", 1,
                        "缺少必需的列“类型”"),
                Arguments.of("unknown type", HEADER + CITY
                        + "zz-a,某县人民政府,街道,县级,zz-city,,,是,,\n", 3, "“类型”的值“街道”无效"),
                Arguments.of("department without government", HEADER
                        + "zz-a,某局,部门,县级,,,,是,,\n", 2, "部门必须填写所属政府"),
                Arguments.of("person with two addresses", HEADER + CITY
                        + "zz-a,某县人民政府,政府,县级,zz-city,,,是,zz_city_owner:钱市:other@example.org,\n", 3,
                        "姓名或邮箱与第2行不一致"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    @SuppressWarnings("unchecked")
    void aFileWithABadLineIsRejectedWithItsLineAndNothingIsImported(String kind, String file, int line,
                                                                     String expectedZh) {
        // Given a registry and identity as they are
        int entities = registry.all().size();
        long users = identityService.createUserQuery().count();

        // When an admin imports a file with one bad line among good ones
        ResponseEntity<Map<String, Object>> response = importAsAdmin(file);

        // Then it is refused with the line named in both languages
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("messageZh").toString()).contains("未导入任何内容");
        assertThat(response.getBody().get("messageEn").toString()).contains("nothing was imported");
        assertThat((List<String>) response.getBody().get("details"))
                .anySatisfy(d -> assertThat(d).startsWith("第" + line + "行：").contains(expectedZh)
                        .contains("/ line " + line + ": "));
        // and nothing was written: no entity, no user, no group
        assertThat(registry.all()).hasSize(entities);
        assertThat(identityService.createUserQuery().count()).isEqualTo(users);
        assertThat(identityService.createGroupQuery().groupIdIn(groupIds()).count()).isZero();
    }

    @Test
    void onlyAdministratorsImportAndExport() {
        // When the owner of 巴彦县 tries to import and to export
        ResponseEntity<Map<String, Object>> imported = importAs("bayan_owner", "demo", HEADER + CITY);
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("bayan_owner", "demo");
        ResponseEntity<String> exported = rest.exchange("/api/entities/export", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);

        // Then both are refused in both languages and nothing is imported
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(imported.getBody().get("messageZh").toString()).contains("只有系统管理员");
        assertThat(exported.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(registry.find("zz-city")).isEmpty();
    }

    @Test
    void anExportImportsBackWithoutChangingAnything() {
        // Given the demo registry
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", "Fz-Test-K7q#2026-Vw");
        List<ReportingEntity> before = registry.all();

        // When an admin exports it and imports the file unchanged
        ResponseEntity<byte[]> exported = rest.exchange("/api/entities/export", HttpMethod.GET,
                new HttpEntity<>(headers), byte[].class);
        String csv = new String(exported.getBody(), StandardCharsets.UTF_8);
        ResponseEntity<Map<String, Object>> response = importAsAdmin(csv);

        // Then the export is a UTF-8 CSV with a BOM and Chinese headers, and the import changes nothing
        assertThat(exported.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv).startsWith("\uFEFF单位代码,单位名称,简称,类型").contains("bayan_drafter:王晓明:bayan.drafter@example.org");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("created", 0).containsEntry("updated", before.size())
                .containsEntry("usersUpdated", 0).containsEntry("membershipsAdded", 0)
                .containsEntry("membershipsRemoved", 0);
        assertThat(registry.all()).isEqualTo(before);
    }

    @Test
    void aMultipartUploadIsAcceptedToo() {
        // Given the file as a form upload, the way a browser sends it
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", "Fz-Test-K7q#2026-Vw");
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        org.springframework.util.LinkedMultiValueMap<String, Object> body = new org.springframework.util.LinkedMultiValueMap<>();
        body.add("file", new org.springframework.core.io.ByteArrayResource((HEADER + CITY).getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "单位名录.csv";
            }
        });

        // When it is posted
        ResponseEntity<Map<String, Object>> response = rest.exchange("/api/entities/import?wait=50", HttpMethod.POST,
                new HttpEntity<>(body, headers), new ParameterizedTypeReference<>() { });

        // Then the city is imported
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(registry.find("zz-city")).isPresent();
    }
}
