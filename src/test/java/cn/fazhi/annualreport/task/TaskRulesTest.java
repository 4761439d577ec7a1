package cn.fazhi.annualreport.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The entity of a role group, whose entity code may contain '-' itself. */
class TaskRulesTest {

    @Test
    void theEntityIsWhatPrecedesTheRoleSuffix() {
        // Given role groups of a government, of a department and groups that are no role groups
        // When their entities are read
        // Then the role suffix is cut off, and anything else has no entity
        assertThat(TaskRules.entityOfGroup("bayan-drafter")).contains("bayan");
        assertThat(TaskRules.entityOfGroup("bayan-gaj-contributor")).contains("bayan-gaj");
        assertThat(TaskRules.entityOfGroup("langfang-sthjj-owner")).contains("langfang-sthjj");
        assertThat(TaskRules.entityOfGroup("camunda-admin")).isEmpty();
        assertThat(TaskRules.entityOfGroup("-owner")).isEmpty();
        assertThat(TaskRules.entityOfGroup(null)).isEmpty();
        assertThat(TaskRules.ownerGroupOf("bayan-gaj")).isEqualTo("bayan-gaj-owner");
    }
}
