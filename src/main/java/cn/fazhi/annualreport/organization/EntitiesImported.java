package cn.fazhi.annualreport.organization;

import java.util.List;

/**
 * Published inside the import's transaction after entities were created or changed, so that other modules grant
 * the new groups what they need (a failing listener rolls the whole import back).
 */
public record EntitiesImported(List<String> codes) {

    public EntitiesImported {
        codes = List.copyOf(codes);
    }
}
