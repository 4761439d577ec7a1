/**
 * The application's REST conventions: bilingual refusals and errors, the engine REST API's refusals, downloads and
 * spreadsheet cells.
 */
@ApplicationModule(allowedDependencies = {})
package cn.fazhi.annualreport.api;

import org.springframework.modulith.ApplicationModule;
