package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The registry as seeded from the demo file: hierarchy, statutory recipients and the people of each role. */
@AnnualReportTest
class EntityRegistryTest {

    @Autowired
    EntityRegistry registry;
    @Autowired
    IdentityService identityService;

    private Recipients recipientsOf(String code) {
        return registry.recipientsOf(registry.find(code).orElseThrow());
    }

    @Test
    void aCountyGovernmentFilesWithItsOwnAndTheHigherLevelInstitutions() {
        // Given 巴彦县人民政府, a county below 哈尔滨市
        // When its recipients are derived
        Recipients recipients = recipientsOf("bayan");

        // Then: same-level Party committee and congress standing committee, higher-level Party committee and
        // government; copy to the higher-level supervising office
        assertThat(recipients.filing()).containsExactly("中共巴彦县委", "巴彦县人大常委会", "中共哈尔滨市委",
                "哈尔滨市人民政府");
        assertThat(recipients.copyTo()).isEqualTo("中共哈尔滨市委全面依法治市委员会办公室");
    }

    @Test
    void aDepartmentFilesWithItsGovernmentAndTheHigherDepartmentOfItsLine() {
        // Given 巴彦县公安局, a department of 巴彦县
        // When its recipients are derived
        Recipients recipients = recipientsOf("bayan-gaj");

        // Then: same-level Party committee and government, higher-level 公安局; copy to the same-level office
        assertThat(recipients.filing()).containsExactly("中共巴彦县委", "巴彦县人民政府", "哈尔滨市公安局");
        assertThat(recipients.copyTo()).isEqualTo("中共巴彦县委全面依法治县委员会办公室");
    }

    @Test
    void aCityBelowAProvinceFilesWithTheProvince() {
        // Given 廊坊市人民政府, a city below 河北省
        // When its recipients are derived
        Recipients recipients = recipientsOf("langfang");

        // Then the provincial Party committee and government are among them, and the provincial office gets a copy
        assertThat(recipients.filing()).containsExactly("中共廊坊市委", "廊坊市人大常委会", "中共河北省委",
                "河北省人民政府");
        assertThat(recipients.copyTo()).isEqualTo("中共河北省委全面依法治省委员会办公室");
    }

    @Test
    void aProvinceFilesOnlyWithItsOwnInstitutions() {
        // Given 河北省人民政府, a province without a parent
        // When its recipients are derived
        Recipients recipients = recipientsOf("hebei");

        // Then only the same-level Party committee and congress standing committee, and no copy
        assertThat(recipients.filing()).containsExactly("中共河北省委", "河北省人大常委会");
        assertThat(recipients.copyTo()).isNull();
    }

    @Test
    void bayanHasItsDepartments() {
        // Given the demo file
        // When the departments of 巴彦县 are listed
        List<ReportingEntity> departments = registry.departmentsOf("bayan");

        // Then there are at least three, all departments whose parent is bayan
        assertThat(departments).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(d -> {
                    assertThat(d.type()).isEqualTo(EntityType.DEPARTMENT);
                    assertThat(d.parent()).isEqualTo("bayan");
                })
                .extracting(ReportingEntity::code).contains("bayan-sfj", "bayan-gaj");
    }

    @ParameterizedTest(name = "{0} has at least four departments")
    @ValueSource(strings = {"bayan", "xinhua", "langfang", "shiyan", "duolun"})
    void everyGovernmentOfTheRealReportsHasItsDepartments(String code) {
        // Given a government whose real report is in shared/reports
        assertThat(registry.find(code)).hasValueSatisfying(e -> assertThat(e.isGovernment()).isTrue());

        // When its departments are listed
        List<ReportingEntity> departments = registry.departmentsOf(code);

        // Then there are about five, each with a higher-level department to file with
        assertThat(departments).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(d -> assertThat(d.higherDepartment()).isNotBlank());
    }

    @Test
    void everyPersonHasAnExampleOrgEmail() {
        // Given every member of every role group of every demo entity
        List<User> people = registry.all().stream()
                .flatMap(e -> Arrays.stream(Role.values()).map(r -> r.groupId(e.code())))
                .flatMap(g -> identityService.createUserQuery().memberOfGroup(g).list().stream())
                .toList();

        // When their addresses are checked
        // Then there are people, each with an @example.org address (no real mail is ever sent to a demo person)
        assertThat(people).isNotEmpty()
                .allSatisfy(p -> assertThat(p.getEmail()).as(p.getId()).matches("[a-z0-9._-]+@example\\.org"));
    }

    @Test
    void everyDerivedRecipientListIsNonEmptyAndFreeOfDuplicates() {
        // Given every entity of the demo file
        // When their recipients are derived
        // Then each files with at least two institutions, none twice
        assertThat(registry.all()).allSatisfy(e -> assertThat(registry.recipientsOf(e).filing())
                .as(e.code()).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates());
    }

    @Test
    void theFiveGovernmentsOfTheRealReportsAreThereBelowTheirParents() {
        // Given the demo registry
        // When the five reporting governments are looked up
        // Then each is a government below the parent its real report names
        assertThat(List.of("bayan:harbin", "xinhua:pingdingshan", "langfang:hebei", "shiyan:hubei",
                "duolun:xilinguole")).allSatisfy(pair -> {
                    String[] codes = pair.split(":");
                    assertThat(registry.find(codes[0])).hasValueSatisfying(e -> {
                        assertThat(e.isGovernment()).isTrue();
                        assertThat(e.parent()).isEqualTo(codes[1]);
                        assertThat(e.active()).isTrue();
                    });
                });
    }

    @Test
    void ancestorsAreListedNearestFirstAndActiveEntitiesParentsFirst() {
        // Given 廊坊市司法局 below 廊坊市 below 河北省
        ReportingEntity sfj = registry.find("langfang-sfj").orElseThrow();

        // When its ancestors and the active entities are listed
        List<ReportingEntity> ancestors = registry.ancestorsOf(sfj);
        List<String> active = registry.active().stream().map(ReportingEntity::code).toList();

        // Then the government comes before the province, and every parent is listed before its children
        assertThat(ancestors).extracting(ReportingEntity::code).containsExactly("langfang", "hebei");
        assertThat(active).contains("hebei", "langfang", "langfang-sfj");
        assertThat(active.indexOf("hebei")).isLessThan(active.indexOf("langfang"));
        assertThat(active.indexOf("langfang")).isLessThan(active.indexOf("langfang-sfj"));
    }
}
