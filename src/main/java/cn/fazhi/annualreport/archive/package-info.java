/** The case archive: one zip per finished case, built once from the application's records and the engine's history. */
@ApplicationModule(allowedDependencies = {"api", "document", "filing", "material", "organization", "publication",
        "shared"})
package cn.fazhi.annualreport.archive;

import org.springframework.modulith.ApplicationModule;
