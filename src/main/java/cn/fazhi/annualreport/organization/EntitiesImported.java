package cn.fazhi.annualreport.organization;

import java.util.List;

/**
 * Published inside the import's transaction after entities were created or changed, so that other modules grant
 * the new groups what they need (a failing listener rolls the whole import back).
 *
 * @param codes         the entities imported
 * @param emptiedGroups the role groups the import left without a member that had one before
 */
public record EntitiesImported(List<String> codes, List<String> emptiedGroups) {

    public EntitiesImported {
        codes = List.copyOf(codes);
        emptiedGroups = List.copyOf(emptiedGroups);
    }

    public EntitiesImported(List<String> codes) {
        this(codes, List.of());
    }
}
