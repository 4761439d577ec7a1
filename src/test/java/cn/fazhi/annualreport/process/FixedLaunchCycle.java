package cn.fazhi.annualreport.process;

/** Stands in for the application's launch schedule in the plain deployment-test engine: a fixed yearly cycle. */
public class FixedLaunchCycle {

    public String cycle() {
        return "R/2099-01-05T09:00:00+08:00/P1Y";
    }
}
