/** The departments' material: each contributing department's versions of its submission. */
@ApplicationModule(allowedDependencies = {"api", "document", "form", "shared"})
package cn.fazhi.annualreport.material;

import org.springframework.modulith.ApplicationModule;
