package app.hearth.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from the keycloak-quarkus-dist zip that Maven resolved, unpacked once under the data folder and run in
 * dev mode on 127.0.0.1 with the committed realm {@code hearth} imported. Keycloak skips importing a realm that
 * already exists, so when the realm file changes its dev database is wiped and the realm imported afresh.
 */
final class KeycloakComponent implements Component {
    static final String REALM_FILE = "deploy/local/keycloak/hearth-realm.json";

    private final StackSettings settings;
    private ChildProcess keycloak;

    KeycloakComponent(StackSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "Keycloak";
    }

    @Override
    public void start(Progress progress) throws Exception {
        if (settings.externalOidc().isPresent()) {
            progress.say("using external OIDC provider " + settings.oidcIssuer());
            return;
        }
        int port = settings.keycloakPort();
        if (Ports.isOpen(port)) {
            throw new StackException("port " + port + " is already taken, so Keycloak cannot start. Stop whatever "
                    + "listens there, or point Hearth at an OIDC provider with HEARTH_OIDC_ISSUER.");
        }
        Properties stack = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("stack.properties")) {
            stack.load(in);
        }
        String version = stack.getProperty("keycloak.version");
        Path zip = Path.of(stack.getProperty("keycloak.zip"));
        Path home = settings.dataDir().resolve("keycloak-" + version);
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            progress.say("unpacking Keycloak " + version + " into " + home + " (once)");
            unzip(zip, home);
        }
        importRealm(home, progress);
        try {
            launch(home, port, progress);
        } catch (StackException e) {
            if (keycloak == null || keycloak.isAlive()) {
                throw e; // still starting after minutes: another try would only wait as long again
            }
            // It died while starting. Its first start writes its build (lib/quarkus) and its dev database
            // (data/h2); one that died half way can leave either unusable, so try once more from a fresh copy.
            progress.say(e.getMessage());
            progress.say("trying Keycloak once more from a fresh copy of " + version);
            keycloak.stop(5);
            keycloak = null;
            unzip(zip, home);
            importRealm(home, progress);
            launch(home, port, progress);
        }
    }

    private void launch(Path home, int port, Progress progress) throws IOException {
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        List<String> command = List.of(
                home.resolve(windows ? "bin/kc.bat" : "bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--import-realm");
        Map<String, String> env = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        progress.say("starting Keycloak on http://127.0.0.1:" + port + " (the first start builds and imports: ~1 min)");
        keycloak = ChildProcess.start(
                "keycloak", command, env, home, settings.logs().resolve("keycloak.log"));
        progress.await(
                "Keycloak realm hearth",
                Duration.ofMinutes(5),
                () -> Ports.answers200(settings.oidcIssuer() + "/.well-known/openid-configuration"),
                keycloak::isAlive,
                () -> keycloak.failureHint(40));
    }

    private void importRealm(Path home, Progress progress) throws Exception {
        Path realm = settings.root().resolve(REALM_FILE);
        byte[] content = Files.readAllBytes(realm);
        String hash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        Path marker = home.resolve("data/hearth-realm.sha256");
        String imported = Files.exists(marker) ? Files.readString(marker).trim() : "";
        if (!hash.equals(imported)) {
            Path h2 = home.resolve("data/h2");
            if (Files.exists(h2)) {
                progress.say("realm file changed: wiping Keycloak's dev database to import it afresh");
                deleteTree(h2);
            }
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            Files.write(importDir.resolve("hearth-realm.json"), content);
            Files.writeString(marker, hash);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        if (!Files.exists(zip)) {
            throw new StackException("Keycloak distribution not found at " + zip
                    + ". Build once online: ./mvnw -pl local-stack package");
        }
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking");
        deleteTree(staging);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                // The zip holds one top folder (keycloak-<version>/); strip it.
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = staging.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("zip entry outside target: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (name.endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
        deleteTree(target);
        Files.move(staging, target);
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.stop(30);
            keycloak = null;
        }
    }

    @Override
    public Map<Long, String> processes() {
        return keycloak == null ? Map.of() : Map.of(keycloak.pid(), "TERM");
    }
}
