package cn.fazhi.annualreport.shared;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The annual-report process's variables that modules other than {@code report} read or write, with typed readers
 * ({@code report.AnnualReportProcess} names the rest, and these under the same values).
 */
public final class CaseVariables {

    /** The reporting entity's code (String), set at kickoff. */
    public static final String ENTITY_CODE = "entityCode";
    /** The reporting entity's name (String), set by the case preparation. */
    public static final String ENTITY_NAME = "entityName";
    /** The year reported on (Integer), set at kickoff. */
    public static final String REPORTING_YEAR = "reportingYear";
    /** The entity's supervising office (String), the addressee of the copy task. */
    public static final String SUPERVISING_OFFICE = "supervisingOffice";
    /** The addressees the report is filed with (JSON list). */
    public static final String FILING_RECIPIENTS = "filingRecipients";
    /** The report's 文号 (String), entered or assigned at issuance. */
    public static final String DOCUMENT_NUMBER = "documentNumber";
    /** The day the report was issued (Date). */
    public static final String ISSUE_DATE = "issueDate";
    /** The multi-instance element variable of the filing tasks: one addressee. */
    public static final String RECIPIENT = "recipient";
    /** The multi-instance element variable of the material task: one contributing department. */
    public static final String DEPARTMENT = "department";

    /** What names a case to people: entity code, entity name and year (e.g. for a variable query). */
    public static final List<String> CASE_IDENTITY = List.of(ENTITY_CODE, ENTITY_NAME, REPORTING_YEAR);

    private CaseVariables() {
    }

    /** The reporting year of a task's or execution's case, or null if it has none. */
    public static Integer reportingYear(VariableScope scope) {
        return year(scope.getVariable(REPORTING_YEAR));
    }

    /** The reporting year among a case's variables, or null if they have none. */
    public static Integer reportingYear(Map<String, ?> variables) {
        return year(variables.get(REPORTING_YEAR));
    }

    /** The entity code of a task's or execution's case, or null. */
    public static String entityCode(VariableScope scope) {
        return (String) scope.getVariable(ENTITY_CODE);
    }

    /** The entity code among a case's variables, or null. */
    public static String entityCode(Map<String, ?> variables) {
        return (String) variables.get(ENTITY_CODE);
    }

    /** The entity name of a task's or execution's case, or null. */
    public static String entityName(VariableScope scope) {
        return (String) scope.getVariable(ENTITY_NAME);
    }

    /** The entity name among a case's variables, or null. */
    public static String entityName(Map<String, ?> variables) {
        return (String) variables.get(ENTITY_NAME);
    }

    private static Integer year(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
