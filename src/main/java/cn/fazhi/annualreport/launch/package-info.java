/** The annual launch: the yearly timer (or an admin's request) that starts one case per active entity. */
@ApplicationModule(allowedDependencies = {"api", "calendar", "organization", "report", "security", "shared"})
package cn.fazhi.annualreport.launch;

import org.springframework.modulith.ApplicationModule;
