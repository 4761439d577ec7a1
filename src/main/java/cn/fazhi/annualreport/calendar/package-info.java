/**
 * The working-day calendar (official holidays and make-up working days) and the engine's working-day business
 * calendars.
 */
@ApplicationModule(allowedDependencies = {"api", "security", "shared"})
package cn.fazhi.annualreport.calendar;

import org.springframework.modulith.ApplicationModule;
