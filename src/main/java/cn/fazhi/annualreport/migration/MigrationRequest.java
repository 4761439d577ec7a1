package cn.fazhi.annualreport.migration;

import java.util.List;

/**
 * What an administrator asks to migrate: the source version (definition id or version number), the target (default:
 * the latest version), explicit instructions for activities whose id changed, and for execution which cases (default:
 * every case the dry run found able to move).
 */
record MigrationRequest(String sourceDefinitionId, Integer sourceVersion, String targetDefinitionId,
                        Integer targetVersion, List<Instruction> instructions, Boolean updateEventTriggers,
                        List<String> processInstanceIds) {

    /** Maps a source activity to a target activity whose id differs. */
    record Instruction(String source, String target, Boolean updateEventTrigger) {
    }

    List<Instruction> instructionsOrNone() {
        return instructions == null ? List.of() : instructions;
    }

    boolean updatesEventTriggers() {
        return updateEventTriggers == null || updateEventTriggers;
    }
}
