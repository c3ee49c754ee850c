package app.hearth.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.membership.MembershipMigrations;
import app.hearth.platform.runtime.PlatformMigrations;
import app.hearth.platform.runtime.SharedMigrations;
import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Schema upgrades that cannot break, against the real PostgreSQL: a database the previous release built (every shared
 * module's scripts interleaved in the service's own history) upgrades in place, a shared module can add a migration
 * afterwards, and replicas starting together on a new database migrate it once.
 */
class SchemaUpgradeTest {
    private static final List<SharedMigrations.Module> SHARED =
            List.of(PlatformMigrations.MODULE, MembershipMigrations.MODULE);
    private static Properties shared;

    @BeforeAll
    static void infrastructure() throws IOException {
        TestInfrastructure.ensureRunning();
        shared = new Properties();
        for (URL url : Collections.list(
                SchemaUpgradeTest.class.getClassLoader().getResources("META-INF/microprofile-config.properties"))) {
            try (InputStream in = url.openStream()) {
                Properties p = new Properties();
                p.load(in);
                if (p.containsKey("quarkus.flyway.locations")) {
                    shared = p;
                }
            }
        }
        assertThat(shared.getProperty("quarkus.flyway.locations")).isEqualTo("db/migration");
    }

    private static DataSource freshDatabase(String name) {
        HearthTestResource.recreateDatabase(name);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestInfrastructure.jdbcUrl(name));
        dataSource.setUser(TestInfrastructure.DB_USER);
        dataSource.setPassword(TestInfrastructure.DB_PASSWORD);
        return dataSource;
    }

    /**
     * What the previous release did at start: every module's scripts in the service's one history, out of order. It
     * had hearth-platform's scripts up to 0.4 (0.5, the outbox's trace context, and 0.6, the idempotency keys, came later)
     * and hearth-membership's up to 0.3 (0.8, the safety agreements, came later).
     */
    private static void previousRelease(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform", "classpath:db/membership", "classpath:db/migration")
                .outOfOrder(true)
                .target("0.4")
                .load()
                .migrate();
        // Then the service's own scripts into the same history (platform's 0.1 and 0.4 and membership's 0.2 and 0.3 are
        // there already; membership's later ones came with later releases).
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .ignoreMigrationPatterns("*:missing")
                .outOfOrder(true)
                .load()
                .migrate();
        // Quarkus recorded the shared scripts with their location (db/platform/V0_1__...sql), as a real database has
        // them.
        try {
            execute(
                    dataSource,
                    "update flyway_schema_history set script = 'db/platform/' || script where version in ('0.1', '0.4')");
            execute(
                    dataSource,
                    "update flyway_schema_history set script = 'db/membership/' || script where version in ('0.2', '0.3')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a service does now at start: the shared modules' migrations, then its own as the shared configuration says. */
    private static void thisRelease(DataSource dataSource, List<SharedMigrations.Module> modules) {
        SharedMigrations.run(dataSource, modules, SchemaUpgradeTest.class.getClassLoader());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + shared.getProperty("quarkus.flyway.locations"))
                .baselineOnMigrate(Boolean.parseBoolean(shared.getProperty("quarkus.flyway.baseline-on-migrate")))
                .baselineVersion(shared.getProperty("quarkus.flyway.baseline-version"))
                .load()
                .migrate();
    }

    @Test
    void aDatabaseThePreviousReleaseBuiltUpgradesInPlaceAndTakesLaterSharedMigrations() throws Exception {
        DataSource db = freshDatabase("upgrade_previous_test");
        previousRelease(db);
        execute(db, "insert into erased_subject (subject_hash, kind, erased_at) values ('kept', 'PERSON', now())");
        execute(
                db,
                "insert into couple_view (couple_id, kind, status, check_in_cadence, updated_at) values "
                        + "('00000000-0000-0000-0000-000000000001', 'ROMANTIC', 'ACTIVE', 'WEEKLY', now())");
        List<String> tablesBefore = strings(
                db,
                "select table_name from information_schema.tables where table_schema = 'public' "
                        + "and table_name not like 'flyway%' order by 1");

        thisRelease(db, SHARED);
        thisRelease(db, SHARED); // the next restart: nothing to do

        // Adopted where the previous release had got to; this release's own shared migration applied after it.
        assertThat(strings(db, "select version || ' ' || type from flyway_history_platform order by installed_rank"))
                .containsExactly("0.4 BASELINE", "0.5 SQL", "0.6 SQL", "0.7 SQL");
        assertThat(strings(
                        db,
                        "select count(*) from information_schema.columns where table_name = 'outbox_event' "
                                + "and column_name in ('trace_parent', 'trace_state')"))
                .containsExactly("2");
        assertThat(strings(db, "select version || ' ' || type from flyway_history_membership order by installed_rank"))
                .containsExactly("0.3 BASELINE", "0.8 SQL");
        assertThat(strings(db, "select version from flyway_schema_history where version like '0.%'"))
                .isEmpty();
        assertThat(strings(db, "select count(*) from flyway_schema_history where not success"))
                .containsExactly("0");
        assertThat(
                        strings(
                                db,
                                "select table_name from information_schema.tables where table_schema = 'public' "
                                        + "and table_name not like 'flyway%' and table_name not in ('idempotent_request', 'one_off_task') order by 1"))
                .isEqualTo(tablesBefore);
        assertThat(strings(db, "select subject_hash from erased_subject")).containsExactly("kept");
        assertThat(strings(db, "select count(*) from couple_view")).containsExactly("1");

        // hearth-platform adds a migration in a later release: it applies, and the service's history is untouched.
        List<String> serviceHistory =
                strings(db, "select version || ' ' || checksum from flyway_schema_history order by 1");
        List<SharedMigrations.Module> later = List.of(
                new SharedMigrations.Module(
                        "hearth-platform", 1, "db/platform,db/platform-next", "flyway_history_platform"),
                MembershipMigrations.MODULE);
        thisRelease(db, later);
        assertThat(strings(db, "select to_regclass('later_shared_table') is not null"))
                .containsExactly("t");
        assertThat(strings(
                        db, "select version from flyway_history_platform where type = 'SQL' order by installed_rank"))
                .containsExactly("0.5", "0.6", "0.7", "0.99");
        assertThat(strings(db, "select version || ' ' || checksum from flyway_schema_history order by 1"))
                .isEqualTo(serviceHistory);
    }

    @Test
    void aStartThatStoppedBeforeAdoptingIsTakenUpAgain() throws Exception {
        // A first start made the module's history (a baseline at 0) and stopped before adopting anything.
        DataSource db = freshDatabase("upgrade_interrupted_test");
        previousRelease(db);
        Flyway.configure()
                .dataSource(db)
                .table(PlatformMigrations.MODULE.table())
                .baselineVersion("0")
                .load()
                .baseline();
        thisRelease(db, SHARED);
        assertThat(strings(db, "select version || ' ' || type from flyway_history_platform order by installed_rank"))
                .containsExactly("0.4 BASELINE", "0.5 SQL", "0.6 SQL", "0.7 SQL");
        assertThat(strings(db, "select version from flyway_schema_history where version like '0.%'"))
                .isEmpty();
        // And one that adopted but stopped before removing the old rows finishes the job without re-running anything.
        DataSource half = freshDatabase("upgrade_half_adopted_test");
        previousRelease(half);
        List<String> legacyRows = strings(
                half,
                "select installed_rank || ',' || coalesce(version, '') || ',' || description || ','"
                        + " || type || ',' || script || ',' || coalesce(checksum::text, 'null') from flyway_schema_history where version like '0.%'");
        thisRelease(half, SHARED);
        for (String row : legacyRows) { // put the old rows back, as if the start had stopped just before deleting them
            String[] f = row.split(",");
            execute(
                    half,
                    "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                            + "installed_by, execution_time, success) values (" + f[0] + ", '" + f[1] + "', '" + f[2]
                            + "', '" + f[3]
                            + "', '" + f[4] + "', " + f[5] + ", 'postgres', 0, true)");
        }
        thisRelease(half, SHARED);
        assertThat(strings(half, "select version || ' ' || type from flyway_history_platform order by installed_rank"))
                .containsExactly("0.4 BASELINE", "0.5 SQL", "0.6 SQL", "0.7 SQL");
        assertThat(strings(half, "select version from flyway_schema_history where version like '0.%'"))
                .isEmpty();
    }

    @Test
    void replicasStartingTogetherOnANewDatabaseMigrateItOnce() throws Exception {
        DataSource db = freshDatabase("upgrade_replicas_test");
        int replicas = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    thisRelease(db, SHARED);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> start : starts) {
                start.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String history :
                List.of("flyway_history_platform", "flyway_history_membership", "flyway_schema_history")) {
            assertThat(strings(db, "select count(*) from " + history + " where not success"))
                    .as(history)
                    .containsExactly("0");
            assertThat(strings(db, "select count(*) - count(distinct script) from " + history + " where type = 'SQL'"))
                    .as(history + ": every script once")
                    .containsExactly("0");
        }
        for (SharedMigrations.Module module : SHARED) {
            long scripts = Arrays.stream(Flyway.configure()
                            .dataSource(db)
                            .table(module.table())
                            .locations("classpath:" + module.location())
                            .load()
                            .info()
                            .all())
                    .filter(m -> m.getVersion() != null && !m.getType().isBaseline())
                    .count();
            assertThat(strings(db, "select count(*) from " + module.table() + " where type = 'SQL'"))
                    .as(module.name())
                    .containsExactly(String.valueOf(scripts));
        }
        assertThat(strings(db, "select to_regclass('exercise_session') is not null"))
                .containsExactly("t");
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> strings(DataSource db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
