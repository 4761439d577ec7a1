/** Publication: what the secrecy review released, published on the public column and the portal CMS, and checked. */
@ApplicationModule(allowedDependencies = {"api", "document", "form", "organization", "shared"})
package cn.fazhi.annualreport.publication;

import org.springframework.modulith.ApplicationModule;
