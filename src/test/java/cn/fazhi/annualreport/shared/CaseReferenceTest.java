package cn.fazhi.annualreport.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A case's business key is written and read in one place. */
class CaseReferenceTest {

    @Test
    void theBusinessKeyIsEntityColonYearAndReadsBack() {
        CaseReference reference = new CaseReference("hebei-sfj", 2024);

        assertThat(reference.businessKey()).isEqualTo("hebei-sfj:2024");
        assertThat(CaseReference.parse("hebei-sfj:2024")).isEqualTo(reference);
        // the year is what follows the last ':'
        assertThat(CaseReference.parse("a:b:2024")).isEqualTo(new CaseReference("a:b", 2024));
    }

    @Test
    void whatIsNoCaseKeyIsRefusedWithTheExpectedForm() {
        for (String key : new String[] {null, "", "hebei-sfj", ":2024", " :2024", "hebei-sfj:", "hebei-sfj:20x4",
                "hebei-sfj:+2024", "hebei-sfj:-1", "hebei-sfj:1234567890"}) {
            assertThat(CaseReference.fromBusinessKey(key)).as(key).isEmpty();
            assertThatThrownBy(() -> CaseReference.parse(key)).as(key)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("<entity>:<year>");
        }
        assertThatThrownBy(() -> new CaseReference(" ", 2024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entity code");
    }
}
