package com.agentmarket.billing.adapter.out.persistence.schema;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.interceptor.Interceptor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before the application serves anything. A migration that fails stops the
 * application from starting: serving on a half-migrated schema would be worse than not serving.
 */
@ApplicationScoped
class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/billing")
    DataSource dataSource;

    void migrateAtStartup(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup) {
        try {
            MigrateResult result = migrate(dataSource);
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            LOG.info(() -> "Database schema of " + result.database + " at version " + version + " ("
                    + result.migrationsExecuted + " migration(s) applied now)");
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Database migration failed; the billing service will not start", failure);
            throw failure;
        }
    }

    /**
     * Applies the migrations under {@code db/migration}. Finding none is an error, not an empty success (on
     * Liberty the location is found through the {@code flyway.location} marker file).
     */
    static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
