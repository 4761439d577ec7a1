/**
 * Migration of running cases to another version of the process: plan with a dry run, execution as a Camunda batch,
 * progress, and the re-planning of every migrated case.
 */
@ApplicationModule(allowedDependencies = {"api", "report", "security"})
package cn.fazhi.annualreport.migration;

import org.springframework.modulith.ApplicationModule;
