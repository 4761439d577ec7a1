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
    /** Publishes what the secrecy review released on the column and the portal CMS (asynchronous, retried). */
    public static final String SERVICE_PUBLISH_REPORT = "ServiceTask_PublishReport";
    /** Checks that every published URL answers before the case goes on (asynchronous, retried). */
    public static final String SERVICE_CHECK_PUBLICATION = "ServiceTask_CheckPublication";
    public static final String TASK_ARCHIVE = "UserTask_Archive";
    /** 补录回执: multi-instance over the addressees whose receipt is still outstanding after filing. */
    public static final String TASK_RECORD_RECEIPT = "UserTask_RecordReceipt";
    /** 核对回执: which addressees still owe a receipt or an exemption. */
    public static final String SERVICE_CHECK_RECEIPTS = "ServiceTask_CheckReceipts";
    /** 生成并保存归档包 (asyncBefore): the case's archive, built once when it ends. */
    public static final String SERVICE_ARCHIVE_CASE = "ServiceTask_ArchiveCase";
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
    /** Where the review forms open the draft version to read in the browser (…/documents/{version}/view). */
    public static final String VAR_DRAFT_VIEW_LINK = "draftViewLink";
    /** The earlier review rounds' decisions and comments, who and when (Markdown), shown by every later review form. */
    public static final String VAR_REVIEW_HISTORY = "reviewHistory";

    // the draft task's submission (transient: stored as a document version, never as process variables)
    /** The uploaded draft (File). */
    public static final String VAR_DRAFT_REPORT = "draftReport";
    /** The draft written in the form: draftSection1 … draftSection5, the five statutory sections (String). */
    public static final String VAR_DRAFT_SECTION_PREFIX = "draftSection";
    /** Why statutory contents are missing, required if any is (String). */
    public static final String VAR_COMPLETENESS_JUSTIFICATION = "completenessJustification";
    // what the draft task's completion sets for the review forms
    /** The drafter's note (起草说明), kept as a variable and with the version. */
    public static final String VAR_DRAFT_NOTE = "draftNote";
    /** The number of the draft version under review (Integer). */
    public static final String VAR_DRAFT_VERSION = "draftVersion";
    /** The file name of the draft version under review. */
    public static final String VAR_DRAFT_FILE_NAME = "draftFileName";
    /** The completeness check of the draft version under review, as the review forms show it (Markdown). */
    public static final String VAR_DRAFT_COMPLETENESS = "draftCompleteness";
    /** Set with each draft: a short Markdown table of the departments' material for the reviewer's form. */
    public static final String VAR_MATERIALS_OVERVIEW = "materialsOverview";
    public static final String VAR_KICKOFF_DATE = "kickoffDate";
    /** Dates a higher-level notice set for this case, by milestone (JSON object of ISO dates). */
    public static final String VAR_DEADLINE_OVERRIDES = "deadlineOverrides";

    // issuance, filing, publication and archive
    /** The report's 文号, entered or assigned at issuance. */
    public static final String VAR_DOCUMENT_NUMBER = "documentNumber";
    /** The sealed issued report handed in at 签发 (File, transient: stored by document.IssuedReports). */
    public static final String VAR_ISSUED_REPORT = "issuedReport";
    /** Set at 签发 with an issued report: where to download it, and its file name. */
    public static final String VAR_ISSUED_REPORT_LINK = "issuedReportLink";
    public static final String VAR_ISSUED_FILE_NAME = "issuedFileName";
    public static final String VAR_ISSUED_BY = "issuedBy";
    public static final String VAR_ISSUE_DATE = "issueDate";
    /** The addressees still owing a receipt (JSON list), the collection of 补录回执. */
    public static final String VAR_RECEIPTS_MISSING = "receiptsMissing";
    /** Whether every addressee has a receipt or an exemption (Boolean), read by Gateway_ReceiptsComplete. */
    public static final String VAR_RECEIPTS_COMPLETE = "receiptsComplete";
    public static final String VAR_ARCHIVE_NUMBER = "archiveNumber";
    public static final String VAR_ARCHIVED_ON = "archivedOn";

    // multi-instance element variables
    public static final String VAR_DEPARTMENT = "department";
    public static final String VAR_RECIPIENT = "recipient";

    // decisions read by gateways
    public static final String VAR_INTERNAL_REVIEW_DECISION = "internalReviewDecision";
    public static final String VAR_GATE_DECISION = "gateDecision";
    /** The secrecy review's conclusion: PUBLISH_FULL, PUBLISH_REDACTED or NOT_PUBLIC. */
    public static final String VAR_SECRECY_DECISION = "secrecyDecision";

    // what publication sets
    /** The published page (the portal CMS's if the report went there, else the public column's). */
    public static final String VAR_PUBLICATION_URL = "publicationUrl";
    /** When it was published (Date). */
    public static final String VAR_PUBLISHED_AT = "publishedAt";
    /** When every published URL answered (Date). */
    public static final String VAR_PUBLICATION_VERIFIED_AT = "publicationVerifiedAt";

    private AnnualReportProcess() {
    }

    public static String businessKey(String entityCode, int year) {
        return entityCode + ":" + year;
    }
}
