package cn.fazhi.annualreport.security;

import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Outside the dev profile the application refuses to start with a missing or well-known admin password (the
 * Camunda starter would otherwise use the admin id as password).
 */
@Component
@Lazy(false)
class AdminPasswordGuard implements InitializingBean {

    private static final Set<String> WEAK = Set.of("admin", "demo", "password", "camunda", "123456");

    private final Environment environment;

    AdminPasswordGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (environment.acceptsProfiles(Profiles.of("dev"))) {
            return;
        }
        String id = environment.getProperty("camunda.bpm.admin-user.id");
        if (id == null || id.isBlank()) {
            return; // no admin user is created
        }
        String password = environment.getProperty("camunda.bpm.admin-user.password");
        if (password == null || password.isBlank() || password.equals(id) || WEAK.contains(password.toLowerCase())) {
            throw new IllegalStateException("Admin user '" + id + "' needs a real password outside the dev profile: set "
                    + "CAMUNDA_BPM_ADMINUSER_PASSWORD (管理员密码未设置或过于简单，非开发环境拒绝启动)");
        }
    }
}
