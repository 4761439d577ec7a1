package cn.fazhi.annualreport.filing;

import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The filing part of the annual-report process as this module sees it: its task keys and the variables it reads and
 * writes (the same names as report.AnnualReportProcess; this module does not depend on the report module).
 */
final class FilingTasks {

    static final String FILE = "UserTask_FileWithRecipient";
    static final String COPY = "UserTask_CopyToSupervisingOffice";
    static final String RECORD_RECEIPT = "UserTask_RecordReceipt";
    static final Set<String> ALL = Set.of(FILE, COPY, RECORD_RECEIPT);

    /** The multi-instance element variable of the filing and receipt tasks: the addressee. */
    static final String VAR_RECIPIENT = CaseVariables.RECIPIENT;
    static final String VAR_FILING_RECIPIENTS = CaseVariables.FILING_RECIPIENTS;
    static final String VAR_SUPERVISING_OFFICE = CaseVariables.SUPERVISING_OFFICE;
    static final String VAR_ENTITY_CODE = CaseVariables.ENTITY_CODE;
    static final String VAR_REPORTING_YEAR = CaseVariables.REPORTING_YEAR;
    /** The report's issue date (印发日期, yyyy-MM-dd) as the sign-and-issue form records it. */
    static final String VAR_ISSUE_DATE = CaseVariables.ISSUE_DATE;
    /** The addressees still owing a receipt (JSON list), the collection of 补录回执. */
    static final String VAR_RECEIPTS_MISSING = "receiptsMissing";
    /** Whether every addressee has a receipt or an exemption (Boolean), read by Gateway_ReceiptsComplete. */
    static final String VAR_RECEIPTS_COMPLETE = "receiptsComplete";
    /** Task-local: where the task's form downloads the filing package of its addressee. */
    static final String VAR_FILING_PACKAGE_LINK = "filingPackageLink";
    /** Task-local, 补录回执 only: what was filed, as the form shows it. */
    static final String VAR_FILING_SUMMARY = "filingSummary";

    private FilingTasks() {
    }

    /** The addressees of a case: its statutory recipients (报送), then its supervising office (抄送), if any. */
    static List<String> addressees(VariableScope scope) {
        List<String> all = new ArrayList<>();
        if (scope.getVariable(VAR_FILING_RECIPIENTS) instanceof Collection<?> recipients) {
            recipients.forEach(r -> all.add(String.valueOf(r)));
        }
        if (scope.getVariable(VAR_SUPERVISING_OFFICE) instanceof String office && !office.isBlank()) {
            all.add(office);
        }
        return all;
    }
}
