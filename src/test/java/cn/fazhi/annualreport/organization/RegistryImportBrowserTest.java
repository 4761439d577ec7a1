package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Browser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The registry import page in Chromium (zh-CN), as the admin uses it: a file chosen and imported, its background
 * import followed to the end with its counts, and a file with faulty lines refused line by line in Chinese.
 */
@AnnualReportTest
class RegistryImportBrowserTest {

    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";
    private static final String HEADER = "单位代码,单位名称,类型,层级,上级单位代码,启用,牵头负责人,起草人员\n";

    @LocalServerPort
    int port;
    @Autowired
    EntityRegistry registry;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path files;

    Browser browser;

    @BeforeEach
    void logIn() {
        browser = new Browser(port);
        browser.login("admin", ADMIN_PASSWORD).open("/desk/registry.html");
    }

    @AfterEach
    void tearDown() {
        browser.close();
        ImportedEntities.remove(jdbc, identityService, new String[] {"zz-page"}, new String[] {"zz_page"});
    }

    @Test
    void theAdminImportsAFileAndFollowsItToTheEnd() throws Exception {
        // Given a registry file of a city, a county and its justice bureau on the admin's disk
        Path file = write("名录.csv", HEADER
                + "zz-page-city,某市人民政府,政府,市级,,是,zz_page_owner:钱市:city@example.org,\n"
                + "zz-page-county,某县人民政府,政府,县级,zz-page-city,是,zz_page_county:李主任:owner@example.org,"
                + "zz_page_drafter:王起草:drafter@example.org\n"
                + "zz-page-county-sfj,某县司法局,部门,县级,zz-page-county,是,zz_page_county:李主任:owner@example.org,\n");

        // When the admin chooses it on the page and clicks 导入
        browser.waitFor(By.id("file")).sendKeys(file.toString());
        browser.click(By.id("start"));

        // Then the page follows the background import to its end, with the bar full and what it did counted
        browser.waitForText(By.id("message"), "导入完成");
        assertThat(browser.text(By.id("status"))).isEqualTo("已完成");
        assertThat(browser.text(By.id("percent"))).isEqualTo("100%");
        assertThat(browser.waitFor(By.id("bar")).getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.text(By.id("counts"))).contains("名录.csv", "admin", "单位\n3 / 3", "人员\n3 / 3",
                "新增单位\n3", "新建账号\n3");
        // and the list of recent imports names it; the registry holds the three entities
        assertThat(browser.waitForText(By.id("recent"), "新增3、更新0个单位").getText()).contains("名录.csv");
        assertThat(registry.find("zz-page-county-sfj")).isPresent();
    }

    @Test
    void aFileWithFaultyLinesIsRefusedLineByLineAndNothingIsImported() throws Exception {
        // Given a file whose second entity has an unknown type and whose third names a parent not in the registry
        Path file = write("有错的名录.csv", HEADER
                + "zz-page-city,某市人民政府,政府,市级,,是,zz_page_owner:钱市:city@example.org,\n"
                + "zz-page-county,某县人民政府,机关,县级,zz-page-city,是,zz_page_county:李主任:owner@example.org,\n"
                + "zz-page-town,某镇人民政府,政府,乡级,zz-page-nowhere,是,zz_page_town:赵镇长:town@example.org,\n");

        // When the admin imports it
        browser.waitFor(By.id("file")).sendKeys(file.toString());
        browser.click(By.id("start"));

        // Then the page says in Chinese that the file was refused, names each faulty line, and nothing is imported
        String error = browser.waitFor(By.id("error")).getText();
        assertThat(error).isNotBlank().doesNotContainPattern("[A-Za-z]{6,}");
        String refused = browser.waitForText(By.id("refused"), "第3行").getText();
        assertThat(refused).contains("第3行", "第4行", "机关", "zz-page-nowhere");
        assertThat(registry.find("zz-page-city")).isEmpty();
    }

    private Path write(String name, String csv) throws Exception {
        Path file = files.resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }
}
