package app.hearth.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stack keeps its data and which ports it listens on. The development stack ({@code deploy/local/up})
 * and the test stack (started by the test suites) use different folders and ports so both can run at once and
 * tests never touch a developer's data.
 */
record StackSettings(
        String profile,
        Path root,
        Path dataDir,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int keycloakPort,
        Optional<String> externalDbHost,
        Optional<String> externalKafka,
        Optional<String> externalOidc,
        Map<String, String> env) {

    /** The databases the four services own. */
    static final List<String> DATABASES = List.of("couples", "exercises", "reminders", "insights");

    static StackSettings of(String profile, Path root, Map<String, String> env) {
        boolean test = "test".equals(profile);
        Path data = Optional.ofNullable(env.get("HEARTH_DATA_DIR"))
                .map(Path::of)
                .orElse(root.resolve(test ? "deploy/local/.data-test" : "deploy/local/.data"))
                .toAbsolutePath()
                .normalize();
        return new StackSettings(
                profile,
                root,
                data,
                intEnv(env, "HEARTH_DB_PORT", test ? 55432 : 5432),
                intEnv(env, "HEARTH_KAFKA_PORT", test ? 59092 : 9092),
                intEnv(env, "HEARTH_KAFKA_CONTROLLER_PORT", test ? 59093 : 9093),
                intEnv(env, "HEARTH_KEYCLOAK_PORT", test ? 58180 : 8180),
                test ? Optional.empty() : Optional.ofNullable(env.get("HEARTH_DB_HOST")),
                test ? Optional.empty() : Optional.ofNullable(env.get("HEARTH_KAFKA_BOOTSTRAP")),
                test ? Optional.empty() : Optional.ofNullable(env.get("HEARTH_OIDC_ISSUER")),
                env);
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    String dbHost() {
        return externalDbHost.orElse("127.0.0.1");
    }

    String dbUser() {
        return env.getOrDefault("HEARTH_DB_USER", "postgres");
    }

    String dbPassword() {
        return env.getOrDefault("HEARTH_DB_PASSWORD", "postgres");
    }

    String kafkaBootstrap() {
        return externalKafka.orElse("127.0.0.1:" + kafkaPort);
    }

    String oidcIssuer() {
        return externalOidc.orElse("http://127.0.0.1:" + keycloakPort + "/realms/hearth");
    }

    Path logs() {
        return dataDir.resolve("logs");
    }
}
