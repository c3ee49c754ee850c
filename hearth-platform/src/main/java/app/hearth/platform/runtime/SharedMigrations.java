package app.hearth.platform.runtime;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

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
    public record Module(String name, int order, String location, String table) {}

    @Inject
    @Any
    Instance<Module> modules;

    @Override
    public void customize(FluentConfiguration configuration) {
        run(configuration.getDataSource(), modules.stream().toList(), configuration.getClassLoader());
    }

    /** Migrates every module, in order, under one lock; adopts what the previous scheme recorded. */
    public static void run(DataSource dataSource, List<Module> modules, ClassLoader classLoader) {
        List<Module> ordered =
                modules.stream().sorted(Comparator.comparingInt(Module::order)).toList();
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
        Flyway fromStart = flyway(dataSource, module, classLoader, "0");
        Set<String> scripts = Arrays.stream(fromStart.info().all())
                .map(m -> fileName(m.getScript()))
                .collect(Collectors.toSet());
        // The previous scheme applied this module's scripts into the service's history: start from where it got to.
        List<LegacyRow> legacy = legacyRows(connection, scripts);
        Optional<String> adopted = legacy.stream()
                .filter(LegacyRow::success)
                .map(LegacyRow::version)
                .max(Comparator.comparing(MigrationVersion::fromVersion));
        if (adopted.isPresent() && tableExists(connection, module.table())) {
            // Legacy rows go only once the module's history holds them, so an own history behind them is from a
            // start that stopped before adopting (or adopted nothing): start it again from where the service got to.
            Optional<String> own = highest(connection, module.table());
            if (own.isEmpty()
                    || MigrationVersion.fromVersion(own.get()).isNewerThan(adopted.get())
                    || own.get().equals(adopted.get())) {
                adopted = Optional.empty(); // adopted already; only the legacy rows are left to remove
            } else {
                LOG.infof(
                        "%s: history %s stopped at %s before adoption; starting it again",
                        module.name(), module.table(), own.get());
                execute(connection, "drop table " + module.table());
            }
        }
        adopted.ifPresent(version ->
                LOG.infof("%s: adopting migrations up to %s from %s", module.name(), version, SERVICE_HISTORY));
        // The usual start (nothing to adopt) reuses the instance that already scanned the scripts.
        (adopted.isEmpty() ? fromStart : flyway(dataSource, module, classLoader, adopted.get())).migrate();
        if (!legacy.isEmpty()) {
            try (PreparedStatement delete =
                    connection.prepareStatement("delete from " + SERVICE_HISTORY + " where installed_rank = any (?)")) {
                delete.setArray(
                        1,
                        connection.createArrayOf(
                                "integer", legacy.stream().map(LegacyRow::rank).toArray()));
                delete.executeUpdate();
            }
        }
    }

    private record LegacyRow(int rank, String version, boolean success) {}

    /**
     * This module's rows in the service's history. Matched by file name: Quarkus recorded them with their location
     * ({@code db/platform/V0_1__...sql}), Flyway on its own without it.
     */
    private static List<LegacyRow> legacyRows(Connection connection, Set<String> scripts) throws SQLException {
        List<LegacyRow> rows = new ArrayList<>();
        if (scripts.isEmpty() || !tableExists(connection, SERVICE_HISTORY)) {
            return rows;
        }
        try (Statement query = connection.createStatement();
                ResultSet result = query.executeQuery("select installed_rank, version, script, success from "
                        + SERVICE_HISTORY + " where version is not null")) {
            while (result.next()) {
                if (scripts.contains(fileName(result.getString(3)))) {
                    rows.add(new LegacyRow(result.getInt(1), result.getString(2), result.getBoolean(4)));
                }
            }
        }
        return rows;
    }

    /** The highest version a history records (its baseline included), if any. */
    private static Optional<String> highest(Connection connection, String table) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet rows =
                        query.executeQuery("select version from " + table + " where success and version is not null")) {
            Optional<String> highest = Optional.empty();
            while (rows.next()) {
                String version = rows.getString(1);
                if (highest.isEmpty() || MigrationVersion.fromVersion(version).isNewerThan(highest.get())) {
                    highest = Optional.of(version);
                }
            }
            return highest;
        }
    }

    private static String fileName(String script) {
        return script == null ? "" : script.substring(script.lastIndexOf('/') + 1);
    }

    private static Flyway flyway(DataSource dataSource, Module module, ClassLoader classLoader, String baseline) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .table(module.table())
                .locations(Arrays.stream(module.location().split(","))
                        .map(l -> "classpath:" + l.strip())
                        .toArray(String[]::new))
                // The schema already holds other modules' tables: start this history at `baseline` (0 on a new
                // database).
                .baselineOnMigrate(true)
                .baselineVersion(baseline)
                .baselineDescription(
                        baseline.equals("0") ? "<< " + module.name() + " >>" : "adopted from " + SERVICE_HISTORY)
                .cleanDisabled(true)
                .load();
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
