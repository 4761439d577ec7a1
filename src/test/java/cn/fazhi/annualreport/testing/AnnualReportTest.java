package cn.fazhi.annualreport.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context all integration tests share: real engine, real HTTP port, real SMTP server, a real
 * HTTP server as the portal CMS of the entities under 河北省; in-memory H2, or PostgreSQL in the second run of
 * {@code mvn verify} ({@link TestDatabase}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.Profiles.class)
@ContextConfiguration(initializers = {FreeSmtpPort.class, TestDatabase.class, PortalCms.class})
public @interface AnnualReportTest {
}
