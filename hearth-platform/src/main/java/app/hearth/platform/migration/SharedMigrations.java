package app.hearth.platform.migration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The shared modules' migrations (hearth-platform's, hearth-membership's), each recorded in a history table of its own,
 * run before a service's own Flyway is even configured. A shared module can then add a migration at any time: it never
 * lands in the middle of a service's history, so no existing database breaks (the previous scheme interleaved
 * {@code V0_x} scripts into every service's {@code flyway_schema_history}). A database made that way is adopted once:
 * its shared rows move to the module's own table. Replicas starting together take turns (an advisory lock).
 */
@ApplicationScoped
public class SharedMigrations implements FlywayConfigurationCustomizer {
    private static final Logger LOG = Logger.getLogger(SharedMigrations.class);
    /** The service's own history, where the previous scheme also recorded the shared modules' scripts. */
    public static final String SERVICE_HISTORY = "flyway_schema_history";
    private static final long LOCK = 0x48656172746846L; // one key for every Hearth service: "HearthF"

    /**
     * A shared module's migrations: where its scripts are (classpath locations, comma-separated), the table that
     * records them, and its place in line.
     */
    public record Module(String name, int order, String location, String table) {
    }

    @Inject
    @Any
    Instance<Module> modules;

    @Override
    public void customize(FluentConfiguration configuration) {
        run(configuration.getDataSource(), modules.stream().toList(), configuration.getClassLoader());
    }

    /** Migrates every module, in order, under one lock; adopts what the previous scheme recorded. */
    public static void run(DataSource dataSource, List<Module> modules, ClassLoader classLoader) {
        List<Module> ordered = modules.stream().sorted(Comparator.comparingInt(Module::order)).toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            execute(connection, "select pg_advisory_lock(" + LOCK + ")");
            try {
                for (Module module : ordered) {
                    migrate(dataSource, connection, module, classLoader);
                }
            } finally {
                execute(connection, "select pg_advisory_unlock(" + LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("shared migrations failed: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, Connection connection, Module module, ClassLoader classLoader)
            throws SQLException {
        List<String> scripts = Arrays.stream(flyway(dataSource, module, classLoader, "0").info().all())
                .map(MigrationInfo::getScript).toList();
        // The previous scheme applied this module's scripts into the service's history: start from where it got to.
        Optional<String> adopted = tableExists(connection, module.table()) ? Optional.empty()
                : highestApplied(connection, scripts);
        adopted.ifPresent(version -> LOG.infof("%s: adopting migrations up to %s from %s", module.name(), version,
                SERVICE_HISTORY));
        flyway(dataSource, module, classLoader, adopted.orElse("0")).migrate();
        if (tableExists(connection, SERVICE_HISTORY) && !scripts.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("delete from " + SERVICE_HISTORY
                    + " where script = any (?)")) {
                delete.setArray(1, connection.createArrayOf("text", scripts.toArray()));
                delete.executeUpdate();
            }
        }
    }

    private static Flyway flyway(DataSource dataSource, Module module, ClassLoader classLoader, String baseline) {
        return Flyway.configure(classLoader).dataSource(dataSource).table(module.table())
                .locations(Arrays.stream(module.location().split(",")).map(l -> "classpath:" + l.strip()).toArray(String[]::new))
                // The schema already holds other modules' tables: start this history at `baseline` (0 on a new database).
                .baselineOnMigrate(true).baselineVersion(baseline)
                .baselineDescription(baseline.equals("0") ? "<< " + module.name() + " >>" : "adopted from " + SERVICE_HISTORY)
                .cleanDisabled(true).load();
    }

    private static Optional<String> highestApplied(Connection connection, List<String> scripts) throws SQLException {
        if (scripts.isEmpty() || !tableExists(connection, SERVICE_HISTORY)) {
            return Optional.empty();
        }
        try (PreparedStatement query = connection.prepareStatement("select version from " + SERVICE_HISTORY
                + " where success and script = any (?) order by installed_rank")) {
            query.setArray(1, connection.createArrayOf("text", scripts.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                String highest = null;
                while (rows.next()) {
                    String version = rows.getString(1);
                    if (highest == null || org.flywaydb.core.api.MigrationVersion.fromVersion(version)
                            .isNewerThan(highest)) {
                        highest = version;
                    }
                }
                return Optional.ofNullable(highest);
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
