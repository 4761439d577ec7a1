/**
 * The application's REST conventions: bilingual refusals and errors, the engine REST API's refusals, downloads,
 * spreadsheet cells and Word documents filled from templates.
 */
@ApplicationModule(allowedDependencies = {})
package cn.fazhi.annualreport.api;

import org.springframework.modulith.ApplicationModule;
