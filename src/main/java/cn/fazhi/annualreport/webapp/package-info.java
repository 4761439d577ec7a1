/** Camunda's webapps as the application presents them: Tasklist filters and the webapps' stylesheet. */
@ApplicationModule(allowedDependencies = {"organization", "shared"})
package cn.fazhi.annualreport.webapp;

import org.springframework.modulith.ApplicationModule;
