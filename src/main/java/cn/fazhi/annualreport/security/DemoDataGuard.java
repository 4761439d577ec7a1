package cn.fazhi.annualreport.security;

import java.util.Arrays;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Outside the dev and test profiles the application refuses to start with report.demo-data=true: the demo people
 * would get accounts with a well-known password.
 */
@Component
@Lazy(false)
class DemoDataGuard implements InitializingBean {

    private final Environment environment;

    DemoDataGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (!environment.getProperty("report.demo-data", Boolean.class, false)
                || environment.acceptsProfiles(Profiles.of("dev | test"))) {
            return;
        }
        throw new IllegalStateException("演示数据（report.demo-data=true）只允许在开发（dev）和测试（test）环境中开启，"
                + "否则会创建使用公开密码的演示账号，拒绝启动：请删除该配置或设置 REPORT_DEMODATA=false。"
                + " / Demo data (report.demo-data=true) is only allowed in the dev and test profiles; it would create "
                + "demo accounts with a well-known password. Refusing to start with active profiles "
                + Arrays.toString(environment.getActiveProfiles())
                + ": remove the setting or set REPORT_DEMODATA=false.");
    }
}
