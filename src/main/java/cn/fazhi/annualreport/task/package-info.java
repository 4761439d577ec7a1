/** Task hand-overs, comments and copies (/api/tasks), with the same rules applied by the engine to every client. */
@ApplicationModule(allowedDependencies = {"api", "organization", "security", "shared"})
package cn.fazhi.annualreport.task;

import org.springframework.modulith.ApplicationModule;
