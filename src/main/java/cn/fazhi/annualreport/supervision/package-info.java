/** The supervision desk (督办台): progress of every visible case, late lists, urges and exports. */
@ApplicationModule(allowedDependencies = {"api", "calendar", "deadline", "notification", "organization", "report",
        "security", "shared"})
package cn.fazhi.annualreport.supervision;

import org.springframework.modulith.ApplicationModule;
