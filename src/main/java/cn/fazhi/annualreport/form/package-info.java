/**
 * Task and start forms: each task accepts exactly its deployed form's fields, plus a process's own checks of a
 * submission.
 */
@ApplicationModule(allowedDependencies = {"api", "security", "shared"})
package cn.fazhi.annualreport.form;

import org.springframework.modulith.ApplicationModule;
