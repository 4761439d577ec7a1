package cn.fazhi.annualreport.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statutory recipients derived from an entity's type and parent, and the explicit lists that replace them. */
class RecipientsTest {

    static ReportingEntity government(String code, String parent, List<String> recipients, String copyTo) {
        return new ReportingEntity(code, code + "人民政府", null, EntityType.GOVERNMENT, AdminLevel.COUNTY, parent,
                "中共" + code + "委", code + "人大常委会", code + "依法治办", null, ReviewGate.EXECUTIVE_MEETING,
                null, recipients, copyTo, true);
    }

    static ReportingEntity department(String code, String parent) {
        return new ReportingEntity(code, code + "局", null, EntityType.DEPARTMENT, AdminLevel.COUNTY, parent,
                null, null, null, "上级" + code + "局", ReviewGate.LEADERSHIP_MEETING, null, null, null, true);
    }

    @Test
    void aGovernmentBelowAnotherFilesWithBothLevels() {
        // Given a county below a city
        ReportingEntity city = government("city", null, null, null);
        ReportingEntity county = government("county", "city", null, null);

        // When its recipients are derived
        Recipients recipients = Recipients.derive(county, city);

        // Then its own Party committee and congress, the city's Party committee and government; copy to the city office
        assertThat(recipients.filing()).containsExactly("中共county委", "county人大常委会", "中共city委", "city人民政府");
        assertThat(recipients.copyTo()).isEqualTo("city依法治办");
    }

    @Test
    void aDepartmentFilesWithItsGovernmentAndItsHigherDepartment() {
        // Given a department of a county
        ReportingEntity county = government("county", "city", null, null);

        // When its recipients are derived
        Recipients recipients = Recipients.derive(department("county-gaj", "county"), county);

        // Then the county's Party committee and government and the line's higher department; copy to the county office
        assertThat(recipients.filing()).containsExactly("中共county委", "county人民政府", "上级county-gaj局");
        assertThat(recipients.copyTo()).isEqualTo("county依法治办");
    }

    @Test
    void explicitRecipientsAndCopyToReplaceTheDerivedOnes() {
        // Given a county that lists its recipients and copy-to explicitly
        ReportingEntity county = government("county", "city", List.of("某市人民政府"), "某市依法治市办");

        // When its recipients are asked
        Recipients recipients = Recipients.derive(county, government("city", null, null, null));

        // Then the explicit lists win over the statutory derivation
        assertThat(recipients.filing()).containsExactly("某市人民政府");
        assertThat(recipients.copyTo()).isEqualTo("某市依法治市办");
    }

    @Test
    void aTopLevelGovernmentFilesOnlyWithItsOwnInstitutions() {
        // Given a province without a parent
        // When its recipients are derived
        Recipients recipients = Recipients.derive(government("province", null, null, null), null);

        // Then only its own Party committee and congress standing committee, and nobody gets a copy
        assertThat(recipients.filing()).containsExactly("中共province委", "province人大常委会");
        assertThat(recipients.copyTo()).isNull();
    }
}
