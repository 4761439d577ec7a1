package cn.fazhi.annualreport.report;

/** Names of the annual-report process: its key, element ids and variables, as written in bpmn/annual-report.bpmn. */
public final class AnnualReportProcess {

    public static final String PROCESS_KEY = "annual-report";

    public static final String START_EVENT = "StartEvent_Kickoff";
    public static final String TASK_SUBMIT_MATERIAL = "UserTask_SubmitDepartmentMaterial";
    public static final String TASK_DRAFT = "UserTask_DraftReport";
    public static final String TASK_SOLICIT_OPINIONS = "UserTask_SolicitOpinions";
    public static final String TASK_INTERNAL_REVIEW = "UserTask_InternalReview";
    public static final String TASK_EXECUTIVE_MEETING = "UserTask_ExecutiveMeetingReview";
    public static final String TASK_LEADERSHIP_MEETING = "UserTask_LeadershipMeetingReview";
    public static final String TASK_PRINCIPAL_SIGN_OFF = "UserTask_PrincipalSignOff";
    public static final String TASK_SIGN_AND_ISSUE = "UserTask_SignAndIssue";
    public static final String TASK_FILE = "UserTask_FileWithRecipient";
    public static final String TASK_COPY = "UserTask_CopyToSupervisingOffice";
    public static final String TASK_SECRECY_REVIEW = "UserTask_SecrecyReview";
    public static final String TASK_PUBLISH = "UserTask_PublishOnPortal";
    public static final String TASK_ARCHIVE = "UserTask_Archive";
    public static final String TIMER_MATERIALS_DEADLINE = "Timer_MaterialsDeadline";
    public static final String END_ARCHIVED = "EndEvent_ReportArchived";

    // variables set at kickoff (start form or POST /api/reports)
    public static final String VAR_ENTITY_CODE = "entityCode";
    public static final String VAR_REPORTING_YEAR = "reportingYear";
    public static final String VAR_REVIEW_GATE = "reviewGate";
    public static final String VAR_SOLICIT_OPINIONS = "solicitOpinions";
    public static final String VAR_NOTICE_REFERENCE = "noticeReference";
    public static final String VAR_FILING_DEADLINE_OVERRIDE = "filingDeadlineOverride";
    public static final String VAR_PUBLICATION_DEADLINE_OVERRIDE = "publicationDeadlineOverride";
    public static final String VAR_INITIATOR = "initiator";

    // variables the case preparation derives
    public static final String VAR_ENTITY_NAME = "entityName";
    public static final String VAR_ENTITY_TYPE = "entityType";
    public static final String VAR_CONTRIBUTING_DEPARTMENTS = "contributingDepartments";
    public static final String VAR_HAS_CONTRIBUTORS = "hasContributors";
    public static final String VAR_FILING_RECIPIENTS = "filingRecipients";
    public static final String VAR_SUPERVISING_OFFICE = "supervisingOffice";
    public static final String VAR_DOCUMENT_NUMBER_PREFIX = "documentNumberPrefix";
    public static final String VAR_DRAFT_REPORT_LINK = "draftReportLink";

    // multi-instance element variables
    public static final String VAR_DEPARTMENT = "department";
    public static final String VAR_RECIPIENT = "recipient";

    // decisions read by gateways
    public static final String VAR_INTERNAL_REVIEW_DECISION = "internalReviewDecision";
    public static final String VAR_GATE_DECISION = "gateDecision";

    private AnnualReportProcess() {
    }

    public static String businessKey(String entityCode, int year) {
        return entityCode + ":" + year;
    }
}
