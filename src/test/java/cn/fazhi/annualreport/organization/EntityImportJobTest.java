package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
 * Registry imports as background jobs, as the admin uses them over HTTP: 202 with the job's URL, its progress and
 * outcome, a failure that leaves nothing behind, and an import whose node died taken over by another.
 */
@AnnualReportTest
class EntityImportJobTest {

    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String HEADER = "单位代码,单位名称,类型,层级,上级单位代码,启用,牵头负责人,起草人员\n";
    private static final String CITY = "zz-job-city,某市人民政府,政府,市级,,是,zz_job_owner:钱市:city@example.org,\n";
    private static final String COUNTY = "zz-job-county,某县人民政府,政府,县级,zz-job-city,是,"
            + "zz_job_county:李主任:owner@example.org,zz_job_drafter:王起草:drafter@example.org；"
            + "zz_job_clerk:张文书:clerk@example.org\n";
    private static final String DEPARTMENT = "zz-job-county-sfj,某县司法局,部门,县级,zz-job-county,是,"
            + "zz_job_county:李主任:owner@example.org,\n";
    private static final String FAILING = "zz-fail-county,失败县人民政府,政府,县级,zz-job-city,是,"
            + "zz_fail_owner:赵失败:fail@example.org,\n";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;
    @Autowired
    EntityRegistry registry;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RegistryImportWorker worker;

    @AfterEach
    void removeTestEntities() {
        ImportedEntities.remove(jdbc, identityService, new String[] {"zz-job", "zz-fail"},
                new String[] {"zz_job", "zz_fail"});
    }

    private HttpHeaders as(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return headers;
    }

    private ResponseEntity<Map<String, Object>> post(String csv) {
        HttpHeaders headers = as("admin", ADMIN_PASSWORD);
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return rest.exchange("/api/entities/import", HttpMethod.POST,
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), new ParameterizedTypeReference<>() { });
    }

    private ResponseEntity<Map<String, Object>> get(String url, String user, String password) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(as(user, password)),
                new ParameterizedTypeReference<>() { });
    }

    /** The import at its URL once it has finished (polled as the admin's page polls it). */
    private Map<String, Object> finished(String url) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(
                () -> get(url, "admin", ADMIN_PASSWORD).getBody(),
                job -> "SUCCEEDED".equals(job.get("status")) || "FAILED".equals(job.get("status")));
    }

    @Test
    void anEmptyFileANegativeWaitAndAnUnknownImportAreRefusedClearly() {
        // When an admin posts an empty file, a good file with wait=-1, and asks for an import that does not exist
        ResponseEntity<Map<String, Object>> empty = post("");
        HttpHeaders headers = as("admin", ADMIN_PASSWORD);
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        ResponseEntity<Map<String, Object>> negative = rest.exchange("/api/entities/import?wait=-1", HttpMethod.POST,
                new HttpEntity<>((HEADER + CITY).getBytes(StandardCharsets.UTF_8), headers),
                new ParameterizedTypeReference<>() { });
        ResponseEntity<Map<String, Object>> unknown = get("/api/entities/imports/" + "a".repeat(5000), "admin",
                ADMIN_PASSWORD);

        // Then each is refused in both languages: the empty file as empty, the wait with its range, the import
        // without repeating the whole id; and nothing was imported
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody().toString()).contains("文件为空", "The file is empty");
        assertThat(negative.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(negative.getBody()).containsKeys("messageZh", "messageEn");
        assertThat(negative.getBody().get("messageEn").toString()).contains("wait must be 0 to");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("messageEn").toString()).hasSizeLessThan(600);
        assertThat(registry.find("zz-job-city")).isEmpty();
    }

    @Test
    void anAcceptedFileIsImportedInTheBackgroundWithItsProgressAndResultAtItsUrl() {
        // When an admin posts a good registry file
        ResponseEntity<Map<String, Object>> accepted = post(HEADER + CITY + COUNTY + DEPARTMENT);

        // Then it is accepted at once with the URL of the import, which knows what the file holds
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String url = accepted.getHeaders().getLocation().toString();
        assertThat(url).startsWith("/api/entities/imports/").isEqualTo(accepted.getBody().get("url"));
        assertThat(accepted.getBody()).containsEntry("entitiesTotal", 3).containsEntry("peopleTotal", 4)
                .containsEntry("requestedBy", "admin");
        assertThat(accepted.getBody().get("status")).isIn("QUEUED", "RUNNING", "SUCCEEDED");

        // and the import, followed at its URL, ends with what it did, everything counted
        Map<String, Object> job = finished(url);
        assertThat(job).containsEntry("status", "SUCCEEDED").containsEntry("statusZh", "已完成")
                .containsEntry("percent", 100).containsEntry("entitiesDone", 3).containsEntry("peopleDone", 4)
                .containsEntry("created", 3).containsEntry("updated", 0).containsEntry("usersCreated", 4)
                .containsEntry("membershipsAdded", 5).containsEntry("attempts", 1);
        assertThat(job.get("node")).isNotNull();
        assertThat(job.get("finishedAt")).isNotNull();
        // and the registry and Camunda have it
        assertThat(registry.find("zz-job-county-sfj")).isPresent();
        assertThat(identityService.createUserQuery().memberOfGroup("zz-job-county-drafter").count()).isEqualTo(2);
        // and the admin's list of imports shows it
        ResponseEntity<List<Map<String, Object>>> list = rest.exchange("/api/entities/imports", HttpMethod.GET,
                new HttpEntity<>(as("admin", ADMIN_PASSWORD)), new ParameterizedTypeReference<>() { });
        assertThat(list.getBody()).extracting(j -> j.get("url")).contains(url);
    }

    @Test
    void aBadFileIsRefusedWithItsLinesBeforeAnImportIsStored() {
        // Given the imports so far
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM registry_import", Integer.class);

        // When an admin posts a file with a parent nobody knows
        ResponseEntity<Map<String, Object>> refused = post(HEADER + CITY
                + "zz-job-a,某县人民政府,政府,县级,zz-nowhere,是,,\n");

        // Then it is refused at once with the line in both languages, and no import is stored
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("messageZh").toString()).contains("未导入任何内容");
        assertThat(refused.getBody().get("details").toString()).contains("第3行：上级单位“zz-nowhere”不存在")
                .contains("line 3: Unknown parent");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registry_import", Integer.class)).isEqualTo(before);
    }

    @Test
    void namesWithControlOrNonCharactersAreRefusedWithTheirLines() {
        // When an admin posts a file whose county is named with a control character and whose bureau with U+FFFF
        // (they reached the 通报 draft, which Word could then not open)
        ResponseEntity<Map<String, Object>> refused = post(HEADER + CITY
                + "zz-job-county,某县\u0001人民政府,政府,县级,zz-job-city,是,,\n"
                + "zz-job-county-sfj,某县司法局\uFFFF,部门,县级,zz-job-county,是,,\n");

        // Then both lines are refused in both languages, and nothing is imported
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("details").toString())
                .contains("第3行：“单位名称”含有换行、控制字符或无法显示的字符", "第4行：“单位名称”含有")
                .contains("contains line breaks, control characters or characters that cannot be shown");
        assertThat(registry.find("zz-job-city")).isEmpty();
    }

    @Test
    void aCodeWhoseRoleGroupsWouldNotFitCamundaIsRefusedByTheCheck() {
        // When a code is so long that "<code>-contributor" would exceed Camunda's 64-character group id
        String code = "zz-job-" + "x".repeat(46);

        // Then the file is refused with the limit, instead of failing while it is written
        ResponseEntity<Map<String, Object>> refused = post(HEADER + code + ",某县人民政府,政府,县级,,是,,\n");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("details").toString()).contains("“单位代码”超过52个字符");
    }

    @Test
    void onlyAdministratorsFollowImportsAndAnUnknownOneIsNotFound() {
        // When the owner of 巴彦县 asks for the imports, and the admin for one that does not exist
        ResponseEntity<Map<String, Object>> owner = get("/api/entities/imports/" + UUID.randomUUID(), "bayan_owner",
                "demo");
        ResponseEntity<Map<String, Object>> unknown = get("/api/entities/imports/" + UUID.randomUUID(), "admin",
                ADMIN_PASSWORD);

        // Then the owner is refused and the unknown import is not found, both in both languages
        assertThat(owner.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(owner.getBody().get("messageZh").toString()).contains("只有系统管理员");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("messageZh").toString()).contains("名录导入");
        assertThat(unknown.getBody().get("messageEn").toString()).contains("registry import");
    }

    @Test
    void anImportThatFailsWhileWritingLeavesNothingBehindSaysWhyAndTheNextOneWorks() {
        // Given a file whose last entity a module refuses while the import writes (a failing listener)
        long users = identityService.createUserQuery().count();

        // When an admin imports it
        ResponseEntity<Map<String, Object>> accepted = post(HEADER + CITY + COUNTY + FAILING);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> job = finished(accepted.getHeaders().getLocation().toString());

        // Then the import failed, saying that nothing was imported, in both languages
        assertThat(job).containsEntry("status", "FAILED");
        assertThat(job.get("messageZh").toString()).contains("未导入任何内容");
        assertThat(job.get("messageEn").toString()).contains("nothing was imported");
        // and nothing was written: no entity, no user, no group (the people came before the entities)
        assertThat(registry.find("zz-job-city")).isEmpty();
        assertThat(registry.find("zz-job-county")).isEmpty();
        assertThat(identityService.createUserQuery().count()).isEqualTo(users);
        assertThat(identityService.createGroupQuery().groupId("zz-job-city-owner").count()).isZero();

        // and the database is healthy: the same file without the refused entity imports (and waits for it)
        HttpHeaders headers = as("admin", ADMIN_PASSWORD);
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        ResponseEntity<Map<String, Object>> imported = rest.exchange("/api/entities/import?wait=50",
                HttpMethod.POST, new HttpEntity<>((HEADER + CITY + COUNTY).getBytes(StandardCharsets.UTF_8), headers),
                new ParameterizedTypeReference<>() { });
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(imported.getBody()).containsEntry("created", 2);
        assertThat(imported.getHeaders().getLocation().toString()).startsWith("/api/entities/imports/");
    }

    /** An import as a node that died while running it left it: RUNNING, its heartbeat ten minutes old. */
    private String interrupted(String csv, int attempts) {
        String id = UUID.randomUUID().toString();
        Timestamp tenMinutesAgo = Timestamp.from(Instant.now().minus(Duration.ofMinutes(10)));
        jdbc.update("INSERT INTO registry_import (id, status, file_name, content, entities_total, people_total, "
                        + "entities_done, people_done, requested_by, requested_at, started_at, node, heartbeat_at, "
                        + "attempts) VALUES (?, 'RUNNING', 'registry.csv', ?, 2, 4, 1, 4, 'admin', ?, ?, "
                        + "'4242@dead-node', ?, ?)", id, csv.getBytes(StandardCharsets.UTF_8), tenMinutesAgo,
                tenMinutesAgo, tenMinutesAgo, attempts);
        return id;
    }

    @Test
    void anImportWhoseNodeDiedIsTakenOverAndRunAgainFromItsStoredFile() {
        // Given an import whose node died while running it (its transaction rolled back with it)
        String id = interrupted(HEADER + CITY + COUNTY, 1);

        // When a node looks for imports nobody runs
        worker.takeOver();

        // Then this node takes it over and runs it again, from the start, to its end
        Map<String, Object> job = finished("/api/entities/imports/" + id);
        assertThat(job).containsEntry("status", "SUCCEEDED").containsEntry("created", 2)
                .containsEntry("attempts", 2).containsEntry("entitiesDone", 2);
        assertThat(job.get("node")).isNotEqualTo("4242@dead-node");
        assertThat(registry.find("zz-job-county")).isPresent();
        assertThat(identityService.createUserQuery().memberOfGroup("zz-job-county-drafter").count()).isEqualTo(2);
    }

    @Test
    void anImportInterruptedAsOftenAsItMayBeIsFailedCleanly() {
        // Given an import whose node died on its third attempt
        String id = interrupted(HEADER + CITY + COUNTY, 3);

        // When a node looks for imports nobody runs
        worker.takeOver();

        // Then the import is failed, saying so in both languages, and nothing of it is in the registry
        Map<String, Object> job = finished("/api/entities/imports/" + id);
        assertThat(job).containsEntry("status", "FAILED").containsEntry("attempts", 3);
        assertThat(job.get("messageZh").toString()).contains("中断3次").contains("未导入任何内容");
        assertThat(job.get("messageEn").toString()).contains("interrupted 3 times");
        assertThat(registry.find("zz-job-city")).isEmpty();
    }
}
