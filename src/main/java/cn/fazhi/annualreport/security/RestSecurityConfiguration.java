package cn.fazhi.annualreport.security;

import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The servlet filters of docs/security.md: security headers on every response, a WARN line per refused login, HTTP
 * Basic on /engine-rest, and HTTP Basic or the webapp session on /api and the actuator (health excepted).
 */
@Configuration(proxyBeanMethods = false)
class RestSecurityConfiguration {

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setName("security-headers");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<FailedLoginAuditFilter> failedLoginAudit(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        FilterRegistrationBean<FailedLoginAuditFilter> registration =
                new FilterRegistrationBean<>(new FailedLoginAuditFilter(webappPath));
        registration.setName("failed-login-audit");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator", "/actuator/*", webappPath + "/api/admin/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineRestAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<EngineRestAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new EngineRestAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService));
        registration.setName("api-authentication");
        registration.addUrlPatterns("/api/*", "/actuator", "/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
