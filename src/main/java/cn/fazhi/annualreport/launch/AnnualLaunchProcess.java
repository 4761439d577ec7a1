package cn.fazhi.annualreport.launch;

/** Names of the annual-launch process as written in bpmn/annual-launch.bpmn: its key, elements, message and variables. */
final class AnnualLaunchProcess {

    static final String PROCESS_KEY = "annual-launch";

    static final String TIMER_START = "StartEvent_Yearly";
    static final String MESSAGE_START = "StartEvent_Manual";
    /** The message the API correlates to start a manual launch. */
    static final String MESSAGE_LAUNCH_REQUESTED = "annual-launch-requested";
    static final String TASK_RECORD_LAUNCH = "ServiceTask_RecordLaunch";
    static final String TASK_START_ENTITY_CASE = "ServiceTask_StartEntityCase";
    static final String TASK_SUMMARIZE = "ServiceTask_SummarizeLaunch";
    static final String END_LAUNCHED = "EndEvent_Launched";
    static final String END_NOT_LAUNCHED = "EndEvent_NotLaunched";

    /** TIMER or MANUAL; a timer start sets none, the record step sets it. */
    static final String VAR_TRIGGER = "launchTrigger";
    static final String VAR_REPORTING_YEAR = "reportingYear";
    static final String VAR_REQUESTED_BY = "requestedBy";
    /** Whether the record step registered a launch (false: the timer launched this year already, or is switched off). */
    static final String VAR_LAUNCH_RECORDED = "launchRecorded";
    static final String VAR_NOT_LAUNCHED_REASON = "notLaunchedReason";
    /** The entity codes, parents first (JSON list): the multi-instance collection. */
    static final String VAR_ENTITY_CODES = "entityCodes";
    /** The multi-instance element variable: one entity code per inner instance. */
    static final String VAR_ENTITY = "entity";
    static final String VAR_STARTED = "startedCount";
    static final String VAR_SKIPPED = "skippedCount";
    static final String VAR_FAILED = "failedCount";

    private AnnualLaunchProcess() {
    }

    static String businessKey(int year) {
        return "launch:" + year;
    }
}
