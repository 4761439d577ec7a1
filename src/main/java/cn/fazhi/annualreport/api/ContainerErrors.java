package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ContainerErrorReport} on the embedded Tomcat's host in place of its error report valves (Tomcat's own and
 * the one Spring Boot adds), after Spring Boot's customizations.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ObjectMapper json;

    ContainerErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ContainerErrorReport(json));
            if (host instanceof StandardHost standardHost) {
                // the host adds a valve of this class when it starts unless one is there: ours is
                standardHost.setErrorReportValveClass(ContainerErrorReport.class.getName());
            }
        });
    }
}
