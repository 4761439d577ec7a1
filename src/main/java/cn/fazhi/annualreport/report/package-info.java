/**
 * The annual-report case: its start, preparation, deadlines, review rounds and issuance, and the /api/reports
 * resources.
 */
@ApplicationModule(allowedDependencies = {"api", "archive", "calendar", "deadline", "document", "filing", "form",
        "material", "notification", "organization", "publication", "security", "shared"})
package cn.fazhi.annualreport.report;

import org.springframework.modulith.ApplicationModule;
