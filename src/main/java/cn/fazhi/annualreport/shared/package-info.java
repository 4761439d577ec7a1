/**
 * The application's shared vocabulary, depended on by the other modules and depending on none of them: the case
 * reference with its business key, the process variables read across modules, the zone and the engine's clock, and
 * the ObjectMapper of code Spring does not construct.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package cn.fazhi.annualreport.shared;

import org.springframework.modulith.ApplicationModule;
