package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Words the engine REST API's answers to refused changes (both engine REST servlets, mapped by the container), and
 * answers a webapp page of an unknown engine with 404.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<EngineRefusalFilter> engineRefusals(ObjectMapper json, CamundaBpmProperties camunda) {
        String webappPath = camunda.getWebapp().getApplicationPath();
        FilterRegistrationBean<EngineRefusalFilter> registration = new FilterRegistrationBean<>(
                new EngineRefusalFilter(json, webappPath));
        registration.setName("engine-refusals");
        registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/engine/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<UnknownEngineFilter> unknownEngines(ProcessEngine engine, CamundaBpmProperties camunda) {
        String webappPath = camunda.getWebapp().getApplicationPath();
        FilterRegistrationBean<UnknownEngineFilter> registration =
                new FilterRegistrationBean<>(new UnknownEngineFilter(webappPath, engine.getName()));
        registration.setName("unknown-engines");
        registration.addUrlPatterns(webappPath + "/app/*");
        registration.setOrder(0); // behind the gate (Spring Security), before Camunda's webapp filters
        return registration;
    }
}
