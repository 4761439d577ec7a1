/** The registry of reporting entities, their people, roles, groups and recipients, with CSV import and export. */
@ApplicationModule(allowedDependencies = {"api", "security"})
package cn.fazhi.annualreport.organization;

import org.springframework.modulith.ApplicationModule;
