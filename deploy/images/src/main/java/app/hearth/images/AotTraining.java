package app.hearth.images;

import app.hearth.testsupport.HearthTestResource;
import app.hearth.testsupport.TestInfrastructure;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TrainingWorkload;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a service image's ahead-of-time cache on the image itself: runs the service from the image's unpacked root
 * (chroot, as the image's user, with the image's runtime, paths and JVM options, so the cache matches what the
 * container runs) against the test infrastructure on loopback, serves {@link TrainingWorkload}, then stops it; the
 * JVM writes the cache as it exits. The root must have /proc mounted (deploy/images/build does it).
 *
 * <pre>AotTraining --root DIR --service couple-service --out couple-service/target/image/app.aot
 * AotTraining --root DIR --verify        (a built image, unpacked: its java starts with the cache required)</pre>
 */
public final class AotTraining {
    /** The pod's heap: 35 % (MaxRAMPercentage in the Deployment) of its 512 MiB limit. */
    private static final String HEAP = "-Xmx179m";

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(option(args, "--root"));
        if (List.of(args).contains("--verify")) {
            System.exit(verify(root));
        }
        String service = option(args, "--service");
        Path out = Path.of(option(args, "--out"));
        TestInfrastructure.ensureRunning();
        String database = "aot_training_" + service.replace("-service", "");
        HearthTestResource.recreateDatabase(database);
        TestUsers.Person person = TestUsers.create("Training");
        int port = freePort();
        Path written = root.resolve("tmp/app.aot");
        Files.deleteIfExists(written);

        List<String> command = new ArrayList<>(
                List.of("chroot", "--userspec=185:0", root.toString(), ImageBuilder.JAVA_HOME + "/bin/java", HEAP));
        command.addAll(ImageBuilder.JVM_OPTIONS);
        command.addAll(List.of(
                "-XX:AOTCacheOutput=/tmp/app.aot",
                "-jar",
                ImageBuilder.HOME.resolve("quarkus-run.jar").toString()));
        Path log = out.resolveSibling(out.getFileName() + ".training.log");
        Files.createDirectories(out.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment()
                .putAll(Map.of(
                        "PATH",
                        ImageBuilder.JAVA_HOME + "/bin:/usr/bin:/bin",
                        "LANG",
                        "C.UTF-8",
                        "HOME",
                        "/deployments"));
        builder.environment().putAll(TestInfrastructure.serviceEnvironment(database, port));
        Process process = builder.start();
        try {
            String url = "http://" + TestInfrastructure.HOST + ":" + port;
            awaitReady(process, url, log);
            TrainingWorkload.train(service, url, person);
        } finally {
            process.destroy(); // SIGTERM: Quarkus stops, then the JVM assembles the cache from what it recorded
            process.waitFor();
        }
        if (!Files.exists(written)) {
            throw new IllegalStateException(service + ": the training run wrote no cache; see " + log);
        }
        Files.move(written, out, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s: AOT cache trained, %d MiB (%s)%n", service, Files.size(out) / (1024 * 1024), out);
        System.exit(0);
    }

    /**
     * Checks a built image (unpacked at {@code root}): its java, as the image's user and with the image's options, starts
     * with the cache required ({@code -XX:AOTMode=on} fails on a cache that does not match the runtime, jars or options).
     */
    private static int verify(Path root) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("chroot", "--userspec=185:0", root.toString(), ImageBuilder.JAVA_HOME + "/bin/java"));
        command.addAll(ImageBuilder.JVM_OPTIONS);
        command.addAll(List.of(
                "-XX:AOTCache=" + ImageBuilder.AOT_CACHE,
                "-XX:AOTMode=on",
                "-cp",
                ImageBuilder.HOME.resolve("quarkus-run.jar").toString(),
                "-version"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        System.out.println((exit == 0 ? "runs with its cache: " : "does not start with its cache: ")
                + output.lines()
                        .filter(line -> line.contains(" version "))
                        .findFirst()
                        .orElse(output.strip()));
        return exit;
    }

    private static void awaitReady(Process process, String url, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited while starting; see " + log);
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service was not ready within 120 s; see " + log);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException(name + " is required");
    }
}
