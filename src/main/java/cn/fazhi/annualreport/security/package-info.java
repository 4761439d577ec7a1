/** The gate in front of every request, the engine's guarded services and the login throttle. */
@ApplicationModule(allowedDependencies = {"api", "shared"})
package cn.fazhi.annualreport.security;

import org.springframework.modulith.ApplicationModule;
