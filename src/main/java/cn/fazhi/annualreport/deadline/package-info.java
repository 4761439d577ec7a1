/** The statutory schedule: a case's milestones and deadlines on the working-day calendar. */
@ApplicationModule(allowedDependencies = {"calendar", "shared"})
package cn.fazhi.annualreport.deadline;

import org.springframework.modulith.ApplicationModule;
