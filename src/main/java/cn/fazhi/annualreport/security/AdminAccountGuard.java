package cn.fazhi.annualreport.security;

import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Outside the dev profile the application refuses to start without an admin account and a strong password for it
 * (PasswordStrength): without one, Camunda would create no admin and leave its first-admin setup to whoever comes
 * first; with a weak one, the account that can deploy code would be guessed.
 */
@Component
@Lazy(false)
class AdminAccountGuard implements InitializingBean {

    private final Environment environment;

    AdminAccountGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (environment.acceptsProfiles(Profiles.of("dev"))) {
            return;
        }
        String id = environment.getProperty("camunda.bpm.admin-user.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("No admin account: set CAMUNDA_BPM_ADMINUSER_ID and"
                    + " CAMUNDA_BPM_ADMINUSER_PASSWORD (未设置管理员账号，非开发环境拒绝启动：请设置"
                    + " CAMUNDA_BPM_ADMINUSER_ID 和 CAMUNDA_BPM_ADMINUSER_PASSWORD)");
        }
        List<String> problems = PasswordStrength.problems(id, environment.getProperty("camunda.bpm.admin-user.password"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Admin user '" + id + "' needs a strong password outside the dev profile:"
                    + " set CAMUNDA_BPM_ADMINUSER_PASSWORD (管理员密码不符合要求，非开发环境拒绝启动): "
                    + String.join("; ", problems));
        }
    }
}
