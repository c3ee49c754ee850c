package app.hearth.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at the real test infrastructure and gives it a fresh database of its own
 * ({@code <database>_test}, recreated once per test JVM so every run starts from an empty schema that Flyway builds).
 * Register it once per module, unrestricted, so all test classes share one Quarkus boot:
 * {@code @QuarkusTestResource(value = HearthTestResource.class, initArgs = @ResourceArg(name = "database", value = "couples"))}.
 */
public class HearthTestResource implements QuarkusTestResourceLifecycleManager {
    private String database;
    private String[] peers = new String[0];

    @Override
    public void init(Map<String, String> initArgs) {
        String base = initArgs.get("database");
        if (base == null || !base.matches("[a-z_]+")) {
            throw new IllegalArgumentException("HearthTestResource needs initArg database=<lowercase name>");
        }
        database = base + "_test";
        String peerList = initArgs.getOrDefault("peers", "");
        peers = peerList.isBlank() ? new String[0] : peerList.split(",");
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure.ensureRunning();
        recreateDatabase(database);
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", TestInfrastructure.jdbcUrl(database),
                "quarkus.datasource.username", TestInfrastructure.DB_USER,
                "quarkus.datasource.password", TestInfrastructure.DB_PASSWORD,
                "kafka.bootstrap.servers", TestInfrastructure.KAFKA_BOOTSTRAP,
                "quarkus.oidc.auth-server-url", TestInfrastructure.OIDC_ISSUER,
                "quarkus.http.cors.origins", TestInfrastructure.WEB_APP_ORIGIN));
        // Peers (other Hearth services run for real) are reachable at the rest-client URL of their name.
        for (String peer : peers) {
            config.put("quarkus.rest-client." + peer.trim() + ".url", PeerServices.url(peer.trim()));
        }
        return config;
    }

    public static void recreateDatabase(String database) {
        try (Connection connection = DriverManager.getConnection(
                        TestInfrastructure.jdbcUrl("postgres"),
                        TestInfrastructure.DB_USER,
                        TestInfrastructure.DB_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not recreate test database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        // The infrastructure outlives this JVM on purpose: the next module's tests reuse it.
    }
}
