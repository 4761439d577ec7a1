package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

/** The reporting entities: the registry's consistency rules, and the statutory recipients of the demo file. */
class EntityRegistryTest {

    private static ReportingEntity government(String code, String parent) {
        return new ReportingEntity(code, code + "人民政府", null, EntityType.GOVERNMENT, "COUNTY", parent,
                "中共" + code + "委", code + "人大常委会", code + "依法治办", null, ReviewGate.EXECUTIVE_MEETING,
                null, null, null, null);
    }

    private static ReportingEntity department(String code, String parent) {
        return new ReportingEntity(code, code + "局", null, EntityType.DEPARTMENT, "COUNTY", parent,
                null, null, null, "上级" + code + "局", ReviewGate.LEADERSHIP_MEETING, null, null, null, null);
    }

    // ---- Consistency rules (package-private constructor) ----

    @Test
    void aConsistentListIsAccepted() {
        // Given a city, a county below it and a department of the county
        List<ReportingEntity> list = List.of(government("city", null), government("county", "city"),
                department("county-sfj", "county"));

        // When the registry is built
        EntityRegistry registry = new EntityRegistry(list);

        // Then all are kept in file order and can be found by code
        assertThat(registry.all()).extracting(ReportingEntity::code)
                .containsExactly("city", "county", "county-sfj");
        assertThat(registry.find("county")).hasValueSatisfying(e -> assertThat(e.parent()).isEqualTo("city"));
        assertThat(registry.find("nowhere")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
        assertThat(registry.departmentsOf("county")).extracting(ReportingEntity::code)
                .containsExactly("county-sfj");
        assertThat(registry.departmentsOf("city")).isEmpty();
    }

    @Test
    void aDuplicateCodeIsRefused() {
        // Given two entities with the same code
        List<ReportingEntity> list = List.of(government("city", null), government("city", null));

        // When / Then the registry refuses them, naming the code
        assertThatIllegalStateException().isThrownBy(() -> new EntityRegistry(list))
                .withMessageContaining("Duplicate")
                .withMessageContaining("city");
    }

    @Test
    void anUnknownParentIsRefused() {
        // Given a county whose parent is not configured
        List<ReportingEntity> list = List.of(government("county", "missing-city"));

        // When / Then both codes are named
        assertThatIllegalStateException().isThrownBy(() -> new EntityRegistry(list))
                .withMessageContaining("county")
                .withMessageContaining("unknown parent missing-city");
    }

    @Test
    void aDepartmentWithoutParentIsRefused() {
        // Given a department that belongs to no government
        List<ReportingEntity> list = List.of(department("lonely-sfj", null));

        // When / Then it is refused with its code
        assertThatIllegalStateException().isThrownBy(() -> new EntityRegistry(list))
                .withMessageContaining("Department lonely-sfj")
                .withMessageContaining("parent");
    }

    @Test
    void aCycleInTheHierarchyIsRefused() {
        // Given two governments that are each other's parent
        List<ReportingEntity> list = List.of(government("alpha", "beta"), government("beta", "alpha"));

        // When / Then the cycle is reported at a code that lies on it
        assertThatIllegalStateException().isThrownBy(() -> new EntityRegistry(list))
                .withMessageContaining("cycle")
                .withMessageMatching(".*cycle at (alpha|beta).*");
    }

    @Test
    void anEntityThatIsItsOwnParentIsRefused() {
        // Given a government whose parent is itself
        List<ReportingEntity> list = List.of(government("loop", "loop"));

        // When / Then it is refused as a cycle at its code
        assertThatIllegalStateException().isThrownBy(() -> new EntityRegistry(list))
                .withMessageContaining("cycle at loop");
    }

    @ParameterizedTest(name = "code \"{0}\" is refused")
    @ValueSource(strings = {"Bayan", "bayan_gaj", "巴彦", "bayan gaj", ""})
    void aCodeOutsideLowerCaseLettersDigitsAndDashIsRefused(String code) {
        // Given an entity code a Camunda group id cannot safely be built from
        List<ReportingEntity> list = List.of(government(code, null));

        // When / Then it is refused
        assertThatIllegalStateException().isThrownBy(() -> new EntityRegistry(list))
                .withMessageContaining("Entity code must be lower-case letters, digits and '-'");
    }

    @Test
    void anEntityWithoutTypeIsRefused() {
        // Given an entity with a name but no type
        ReportingEntity noType = new ReportingEntity("x", "某单位", null, null, null, null, null, null, null,
                null, null, null, null, null, null);

        // When / Then it is refused, naming the code
        assertThatIllegalStateException().isThrownBy(() -> new EntityRegistry(List.of(noType)))
                .withMessageContaining("Entity x needs a name and a type");
    }

    @Test
    void explicitRecipientsAndCopyToReplaceTheDerivedOnes() {
        // Given a county that lists its recipients and copy-to explicitly
        ReportingEntity county = new ReportingEntity("county", "某县人民政府", null, EntityType.GOVERNMENT,
                "COUNTY", "city", "中共某县委", "某县人大常委会", null, null, ReviewGate.EXECUTIVE_MEETING, null,
                List.of("某市人民政府"), "某市依法治市办", null);
        EntityRegistry registry = new EntityRegistry(List.of(government("city", null), county));

        // When its recipients are asked
        Recipients recipients = registry.recipientsOf(county);

        // Then the explicit lists win over the statutory derivation
        assertThat(recipients.filing()).containsExactly("某市人民政府");
        assertThat(recipients.copyTo()).isEqualTo("某市依法治市办");
    }

    // ---- The demo file src/main/resources/organization/entities.yaml ----

    /** Loaded once through the Spring-facing constructor, as the application does. */
    private static final EntityRegistry DEMO = new EntityRegistry(new OrganizationProperties(
            new OrganizationProperties.Organization(new ClassPathResource("organization/entities.yaml")),
            false, null));

    private static Recipients recipientsOf(String code) {
        return DEMO.recipientsOf(DEMO.find(code).orElseThrow());
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
        List<ReportingEntity> departments = DEMO.departmentsOf("bayan");

        // Then there are at least three, all departments whose parent is bayan
        assertThat(departments).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(d -> {
                    assertThat(d.type()).isEqualTo(EntityType.DEPARTMENT);
                    assertThat(d.parent()).isEqualTo("bayan");
                })
                .extracting(ReportingEntity::code).contains("bayan-sfj", "bayan-gaj");
    }

    @ParameterizedTest(name = "{0} has at least three departments")
    @ValueSource(strings = {"bayan", "xinhua", "langfang"})
    void everyGovernmentOfTheRealReportsHasAtLeastThreeDepartments(String code) {
        // Given a government whose real report is in shared/reports
        assertThat(DEMO.find(code)).hasValueSatisfying(e -> assertThat(e.isGovernment()).isTrue());

        // When its departments are listed
        List<ReportingEntity> departments = DEMO.departmentsOf(code);

        // Then there are at least three, each with a higher-level department to file with
        assertThat(departments).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(d -> assertThat(d.higherDepartment()).isNotBlank());
    }

    @Test
    void everyPersonHasAnExampleOrgEmail() {
        // Given every person of every entity in the demo file
        List<Person> people = DEMO.all().stream().flatMap(e -> e.people().stream()).toList();

        // When their addresses are checked
        // Then there are people, each with an @example.org address (no real mail is ever sent to a demo person)
        assertThat(people).isNotEmpty()
                .allSatisfy(p -> assertThat(p.email()).as(p.id()).matches("[a-z0-9._-]+@example\\.org"));
        assertThat(people).extracting(Person::id).doesNotHaveDuplicates();
    }

    @Test
    void everyDerivedRecipientListIsNonEmptyAndFreeOfDuplicates() {
        // Given every entity of the demo file
        // When their recipients are derived
        // Then each files with at least two institutions, none twice
        assertThat(DEMO.all()).allSatisfy(e -> assertThat(DEMO.recipientsOf(e).filing())
                .as(e.code()).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates());
    }

    @Test
    void aDepartmentUnderADepartmentIsRefused() {
        // Given a department whose parent is another department
        List<ReportingEntity> list = List.of(government("gov", null), department("gov-a", "gov"),
                department("gov-a-b", "gov-a"));

        // When the registry is built, then it refuses, naming the entity and its parent
        assertThatThrownBy(() -> new EntityRegistry(list))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gov-a-b").hasMessageContaining("not a government");
    }
}
