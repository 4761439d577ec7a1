package cn.fazhi.annualreport.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The one gate in front of every request (Spring Security): its firewall refuses every ambiguous spelling of a path
 * (';', '//', encoded slashes and periods, '..', control characters) with 400; then {@link CallerFilter} establishes
 * the caller and {@link AccessRules} decides, deny by default, on the normalized path. What a caller may do to a case
 * is decided further in the engine (authorizations, the task guard), whatever path led there.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class Gate {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, IdentityService identityService, LoginThrottle throttle,
                             ObjectMapper json, CamundaBpmProperties camunda) throws Exception {
        String webapp = camunda.getWebapp().getApplicationPath();
        GateResponses responses = new GateResponses(json);
        AccessRules rules = new AccessRules(webapp);
        http.csrf(csrf -> csrf.disable()) // Camunda's CsrfPreventionFilter for the webapps, CallerFilter for /api
                .headers(headers -> headers.disable()) // SecurityHeadersFilter, which keeps the webapps' own policy
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                // the login session is Camunda's (its login renews the session id); the gate only reads it, and must
                // neither create sessions nor change their ids (it would log concurrent requests out)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER)
                        .sessionFixation(fixation -> fixation.none()))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .addFilterBefore(new WebappLoginFilter(throttle, responses, webapp), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new CallerFilter(identityService, throttle, responses, webapp),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .anyRequest().access(rules))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            if (rules.closedToEveryone(request)) {
                                responses.forbidden(request, response); // logging in would not help
                            } else {
                                responses.unauthorizedOrChallenge(request, response);
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> responses.forbidden(request, response)));
        return http.build();
    }

    /** Spring Security's strict firewall as it comes: nothing ambiguous is let through. */
    @Bean
    HttpFirewall firewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    RequestRejectedHandler requestRejected(ObjectMapper json) {
        GateResponses responses = new GateResponses(json);
        return (request, response, e) -> responses.rejected(request, response);
    }

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

    /** Before everything (the security headers come with the answer all the same): no '//' reaches a parser. */
    @Bean
    FilterRegistrationBean<DoubleSlashFilter> doubleSlashes(ObjectMapper json) {
        FilterRegistrationBean<DoubleSlashFilter> registration =
                new FilterRegistrationBean<>(new DoubleSlashFilter(new GateResponses(json)));
        registration.setName("double-slashes");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
