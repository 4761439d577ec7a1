/**
 * How the application runs on its database at scale: the connection pool sized from the job executor, the history the
 * engine keeps and its cleanup, authorization checks that do not grow with the registry.
 */
@ApplicationModule(allowedDependencies = {})
package cn.fazhi.annualreport.platform;

import org.springframework.modulith.ApplicationModule;
