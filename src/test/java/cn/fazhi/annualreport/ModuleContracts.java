package cn.fazhi.annualreport;

import java.util.List;
import org.springframework.modulith.ApplicationModule;

/** Reads a module's declared contract, the {@code @ApplicationModule} of its package-info.java. */
final class ModuleContracts {

    private ModuleContracts() {
    }

    /** The modules a module declares it may use, or null if it declares nothing (Spring Modulith: any). */
    static List<String> declaredDependencies(String module) {
        String packageName = AnnualReportApplication.class.getPackageName() + "." + module;
        try {
            Class<?> packageInfo = Class.forName(packageName + ".package-info");
            ApplicationModule contract = packageInfo.getAnnotation(ApplicationModule.class);
            if (contract == null || List.of(contract.allowedDependencies()).contains(ApplicationModule.OPEN_TOKEN)) {
                return null;
            }
            return List.of(contract.allowedDependencies());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
