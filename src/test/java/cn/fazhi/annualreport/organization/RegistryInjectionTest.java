package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

/**
 * Issue 11, item 5: a user's own profile, the registry file and its export cannot be used to smuggle a membership,
 * a log line or a spreadsheet formula — through /engine-rest as the user herself, and through the admin's export and
 * re-import of an unchanged file.
 */
@AnnualReportTest
class RegistryInjectionTest {

    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";
    private static final String SMUGGLED = "甲:bayan.secrecy@example.org;xinhua_owner:郑海";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;
    @Autowired
    EntityRegistry registry;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityNamesMigration names;

    private Map<String, Object> secrecyRow;

    @BeforeEach
    void keepTheSecrecyReviewer() {
        secrecyRow = jdbc.queryForMap("SELECT FIRST_, LAST_, EMAIL_ FROM ACT_ID_USER WHERE ID_ = 'bayan_secrecy'");
    }

    @AfterEach
    void restoreTheSecrecyReviewer() {
        jdbc.update("UPDATE ACT_ID_USER SET FIRST_ = ?, LAST_ = ?, EMAIL_ = ? WHERE ID_ = 'bayan_secrecy'",
                secrecyRow.get("FIRST_"), secrecyRow.get("LAST_"), secrecyRow.get("EMAIL_"));
        jdbc.update("UPDATE reporting_entity SET name = '巴彦县司法局' WHERE code = 'bayan-sfj'");
        // the import named 司法局's groups after the formula: later tests see them by the entity's name again
        names.groups();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"bayan_secrecy\",\"firstName\":\"甲:bayan.secrecy@example.org;xinhua_owner:郑海\","
            + "\"lastName\":\"吴\",\"email\":\"bayan.secrecy@example.org\"}",
            "{\"id\":\"bayan_secrecy\",\"firstName\":\"军\",\"lastName\":\"吴\","
                    + "\"email\":\"x@example.org\\r\\n2026-03-02 WARN Failed login (登录失败): user='admin'\"}",
            "{\"id\":\"bayan_secrecy\",\"firstName\":\"军\\u202egnp.exe\",\"lastName\":\"吴\","
                    + "\"email\":\"bayan.secrecy@example.org\"}"})
    void aUserCannotPutSeparatorsLineBreaksOrDirectionMarksIntoHerProfile(String profile) {
        // When the secrecy reviewer edits her own profile through the engine's REST API, as any user may
        ResponseEntity<Map<String, Object>> answer = rest.exchange("/engine-rest/user/bayan_secrecy/profile",
                HttpMethod.PUT, new HttpEntity<>(profile, json("bayan_secrecy", "demo")), MAP);

        // Then it is refused in both languages and her profile is as it was
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("messageZh").toString()).containsAnyOf("不能含有", "含有换行", "邮箱地址无效");
        assertThat(answer.getBody().get("messageEn").toString()).isNotBlank();
        User user = identityService.createUserQuery().userId("bayan_secrecy").singleResult();
        assertThat(user.getFirstName()).isEqualTo(secrecyRow.get("FIRST_"));
        assertThat(user.getEmail()).isEqualTo(secrecyRow.get("EMAIL_"));
    }

    @Test
    void aProfileStoredWithSeparatorsBeforeThisCheckCannotSmuggleAMembershipIntoTheNextImport() {
        // Given a name written before names were checked, the way the attack left it (split into 名 and 姓 then)
        jdbc.update("UPDATE ACT_ID_USER SET FIRST_ = ?, LAST_ = '吴' WHERE ID_ = 'bayan_secrecy'", SMUGGLED);

        // When the admin exports the registry and imports the file unchanged
        String csv = export();
        ResponseEntity<Map<String, Object>> imported = importFile(csv);

        // Then the import succeeds and 新华区's owner has not joined 巴彦县's secrecy reviewers
        assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(csv).contains("bayan_secrecy:甲 bayan.secrecy@example.org xinhua_owner 郑海 吴:bayan.secrecy@example.org");
        assertThat(identityService.createUserQuery().memberOfGroup("bayan-secrecy").list())
                .extracting(User::getId).containsExactly("bayan_secrecy");
    }

    @Test
    void aNameOrAddressThatWouldBreakTheFileIsRefusedWithItsLine() {
        // Given a registry file whose people carry a direction mark and a line break in their address
        String csv = "单位代码,单位名称,类型,层级,上级单位代码,审议方式,文号前缀,启用,牵头负责人\n"
                + "zz-x,某县人民政府,政府,县级,,政府常务会议,某县政呈,是,\"zz_a:李\u202e四:a@example.org\"\n"
                + "zz-y,某区人民政府,政府,县级,,政府常务会议,某区政呈,是,\"zz_b:王五:b@example.org\r\nWARN forged\"\n";

        // When it is imported
        ResponseEntity<Map<String, Object>> imported = importFile(csv);

        // Then both lines are refused and nothing is imported
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(imported.getBody().toString()).contains("第2行", "第3行");
        assertThat(registry.find("zz-x")).isEmpty();
        assertThat(identityService.createUserQuery().userId("zz_a").count()).isZero();
    }

    @Test
    void aFormulaInTheRegistryIsExportedAsTextAndImportedBackUnchanged() {
        // Given a department's name that a spreadsheet would run as a formula
        jdbc.update("UPDATE reporting_entity SET name = ? WHERE code = 'bayan-sfj'", "=HYPERLINK(\"http://evil\")");
        List<ReportingEntity> before = registry.all();

        // When the admin exports the registry and imports the file unchanged
        String csv = export();
        ResponseEntity<Map<String, Object>> imported = importFile(csv);

        // Then the cell is text in a spreadsheet, and the registry is as it was
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(registry.all()).isEqualTo(before);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private String export() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", ADMIN_PASSWORD);
        return new String(rest.exchange("/api/entities/export", HttpMethod.GET, new HttpEntity<>(headers), byte[].class)
                .getBody(), StandardCharsets.UTF_8);
    }

    private ResponseEntity<Map<String, Object>> importFile(String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", ADMIN_PASSWORD);
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return rest.exchange("/api/entities/import?wait=50", HttpMethod.POST,
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), MAP);
    }

    private static HttpHeaders json(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
