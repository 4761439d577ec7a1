/** Declares only the registry, but also reaches into publishing. */
@ApplicationModule(allowedDependencies = "registry")
package cn.fazhi.modulefixture.reporting;

import org.springframework.modulith.ApplicationModule;
