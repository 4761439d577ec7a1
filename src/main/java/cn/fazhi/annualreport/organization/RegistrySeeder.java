package cn.fazhi.annualreport.organization;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Fills an empty registry at start-up from the configured file ({@code report.organization.seed}): the demo entities
 * in the dev and test profiles, or an installation's own file on its first start. A filled registry is left alone.
 */
@Component
@Order(10)
class RegistrySeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RegistrySeeder.class);

    private final EntityStore store;
    private final EntityImporter importer;
    private final OrganizationProperties properties;

    RegistrySeeder(EntityStore store, EntityImporter importer, OrganizationProperties properties) {
        this.store = store;
        this.importer = importer;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        Resource seed = properties.organization().seed();
        if (seed == null || store.count() > 0) {
            log.info("Registry has {} entities{}", store.count(), seed == null ? "" : "; seed file not needed");
            return;
        }
        byte[] bytes;
        try (InputStream in = seed.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the registry seed " + seed.getDescription(), e);
        }
        try {
            EntityImporter.Result result = importer.importFile(bytes, "system",
                    properties.demoData() ? properties.demoPassword() : null);
            log.info("Registry seeded from {}: {} entities, {} users", seed.getDescription(), result.created(),
                    result.usersCreated().size());
        } catch (EntityImportException e) {
            throw new IllegalStateException("The registry seed " + seed.getDescription() + " cannot be imported: "
                    + String.join("; ", e.errors().stream().map(LineError::text).toList()), e);
        }
    }
}
