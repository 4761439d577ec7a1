package cn.fazhi.annualreport.launch;

/**
 * What a launch did for one entity: its case STARTED; SKIPPED because a case of the entity and year exists already;
 * FAILED because the rules refused it or a technical failure outlasted the retries (an incident); PENDING not yet.
 */
enum Outcome {
    PENDING, STARTED, SKIPPED, FAILED
}
