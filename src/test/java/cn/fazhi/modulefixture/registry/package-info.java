/** Depends on nothing. */
@ApplicationModule(allowedDependencies = {})
package cn.fazhi.modulefixture.registry;

import org.springframework.modulith.ApplicationModule;
