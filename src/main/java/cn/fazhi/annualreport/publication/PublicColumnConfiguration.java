package cn.fazhi.annualreport.publication;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the read-only rule for everything under /public (pages, feed and style sheet). */
@Configuration(proxyBeanMethods = false)
class PublicColumnConfiguration {

    @Bean
    FilterRegistrationBean<PublicReadOnlyFilter> publicReadOnly() {
        FilterRegistrationBean<PublicReadOnlyFilter> registration = new FilterRegistrationBean<>(new PublicReadOnlyFilter());
        registration.setName("public-read-only");
        registration.addUrlPatterns("/public", "/public/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        // after the security headers (HIGHEST_PRECEDENCE), so that a 405 carries them too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
