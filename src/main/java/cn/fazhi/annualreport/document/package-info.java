/**
 * The report's documents: draft versions, reviewers' comments, the statutory completeness check and document numbers
 * (文号).
 */
@ApplicationModule(allowedDependencies = {"api", "organization", "security", "shared"})
package cn.fazhi.annualreport.document;

import org.springframework.modulith.ApplicationModule;
