package cn.fazhi.annualreport.shared;

import java.util.Optional;

/** One annual-report case, a reporting entity's report on a year, and its process business key {@code <entity>:<year>}. */
public record CaseReference(String entityCode, int year) {

    private static final char SEPARATOR = ':';
    private static final int MAX_YEAR_DIGITS = 9;

    public CaseReference {
        if (entityCode == null || entityCode.isBlank()) {
            throw new IllegalArgumentException("A case reference needs an entity code, not "
                    + (entityCode == null ? "none" : "'" + entityCode + "'"));
        }
    }

    /** The case's business key, {@code <entity>:<year>} (e.g. {@code hebei-sfj:2024}). */
    public String businessKey() {
        return entityCode + SEPARATOR + year;
    }

    /** The case a business key names; refused with the key and the expected form if it is not {@code <entity>:<year>}. */
    public static CaseReference parse(String businessKey) {
        return fromBusinessKey(businessKey).orElseThrow(() -> new IllegalArgumentException(
                "Not a case's business key <entity>:<year> (e.g. hebei-sfj:2024): "
                        + (businessKey == null ? "none" : "'" + businessKey + "'")));
    }

    /** The case a business key names, or empty if it is none (no key, no entity, or no year after the last ':'). */
    public static Optional<CaseReference> fromBusinessKey(String businessKey) {
        if (businessKey == null) {
            return Optional.empty();
        }
        int separator = businessKey.lastIndexOf(SEPARATOR);
        if (separator <= 0 || businessKey.substring(0, separator).isBlank()) {
            return Optional.empty();
        }
        String year = businessKey.substring(separator + 1);
        if (year.isEmpty() || year.length() > MAX_YEAR_DIGITS || !year.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new CaseReference(businessKey.substring(0, separator), Integer.parseInt(year)));
    }

    /** The business key. */
    @Override
    public String toString() {
        return businessKey();
    }
}
