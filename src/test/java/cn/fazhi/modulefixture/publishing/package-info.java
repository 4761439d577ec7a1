/** May use the registry, and does. */
@ApplicationModule(allowedDependencies = "registry")
package cn.fazhi.modulefixture.publishing;

import org.springframework.modulith.ApplicationModule;
