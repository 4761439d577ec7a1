package cn.fazhi.annualreport.launch;

/** What started a launch: the yearly timer or an administrator through the API. */
enum Trigger {
    TIMER, MANUAL
}
