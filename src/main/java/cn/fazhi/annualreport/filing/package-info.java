/** Filing (报送, 抄送): the receipts or exemptions per addressee, the receipt check and the filing packages. */
@ApplicationModule(allowedDependencies = {"api", "document", "form", "organization", "shared"})
package cn.fazhi.annualreport.filing;

import org.springframework.modulith.ApplicationModule;
