package app.hearth.images;

import app.hearth.testsupport.TrainingWorkload;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One OCI image per service, without a container daemon: Jib puts a Quarkus package ({@code target/aot}, the
 * {@code aot-jar} layout) on a JDK 25 runtime base image read from a local tarball, in layers ordered by how often they
 * change (dependencies, then Quarkus' generated code, then the application, then the ahead-of-time cache trained on
 * this very image), runs it as user 185, and writes the image to a tarball or pushes it to a registry. Every file and
 * the image carry a fixed timestamp, so a layer whose files did not change keeps its digest (and the cache, which
 * records the jars' sizes and times, stays valid in the container).
 *
 * <pre>ImageBuilder --base base.tar --app couple-service/target/aot --name hearth/couple-service:0.1.0 --port 8081
 *              [--aot-cache app.aot] (--tar out.tar | --push registry.example.com/hearth/couple-service:0.1.0)</pre>
 */
public final class ImageBuilder {
    static final AbsoluteUnixPath HOME = AbsoluteUnixPath.get("/deployments");
    static final AbsoluteUnixPath AOT_CACHE = HOME.resolve("app.aot");
    /** Where the base image keeps the Java runtime (deploy/images/build puts it there). */
    static final String JAVA_HOME = "/opt/java";
    /** The JVM options the image runs with: those its cache is trained with, and JBoss' log manager for Quarkus. */
    public static final List<String> JVM_OPTIONS = Stream.concat(
                    TrainingWorkload.JVM_OPTIONS.stream(),
                    Stream.of("-Djava.util.logging.manager=org.jboss.logmanager.LogManager"))
            .toList();

    private ImageBuilder() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path base = Path.of(required(options, "base"));
        Path app = Path.of(required(options, "app"));
        String name = required(options, "name");
        int port = Integer.parseInt(required(options, "port"));
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalArgumentException(app + " is not a Quarkus package (package the service first)");
        }
        Path cache = options.containsKey("aot-cache") ? Path.of(options.get("aot-cache")) : null;
        List<String> entrypoint = new ArrayList<>(List.of(JAVA_HOME + "/bin/java"));
        entrypoint.addAll(JVM_OPTIONS);
        if (cache != null) {
            // Used when it matches this runtime and these jars; a JVM that cannot use it starts without it.
            entrypoint.add("-XX:AOTCache=" + AOT_CACHE);
        }
        entrypoint.addAll(List.of("-jar", HOME.resolve("quarkus-run.jar").toString()));
        JibContainerBuilder image = Jib.from(TarImage.at(base))
                .setFormat(ImageFormat.OCI)
                .setCreationTime(Instant.EPOCH)
                .setUser("185")
                .setWorkingDirectory(HOME)
                .setExposedPorts(Set.of(Port.tcp(port)))
                // The java launcher reads JDK_JAVA_OPTIONS itself: heap sizing and the like come from the Deployment
                // (deploy/k8s/base/service-defaults.yaml); this default only serves a bare `podman run`.
                .setEnvironment(Map.of(
                        "JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=35 -XX:ActiveProcessorCount=2", "LANG", "C.UTF-8"))
                .setEntrypoint(entrypoint)
                .setLabels(Map.of(
                        "org.opencontainers.image.title",
                        name.replaceAll(":.*", ""),
                        "org.opencontainers.image.source",
                        "https://github.com/hearth/hearth"))
                .addFileEntriesLayer(layer("dependencies", app, app.resolve("lib")))
                .addFileEntriesLayer(layer("quarkus", app, app.resolve("quarkus"), app.resolve("quarkus-run.jar")))
                .addFileEntriesLayer(layer("application", app, app.resolve("app")));
        if (cache != null) {
            image.addFileEntriesLayer(FileEntriesLayer.builder()
                    .setName("aot-cache")
                    .addEntry(cache, AOT_CACHE, FilePermissions.fromOctalString("644"), Instant.EPOCH)
                    .build());
        }
        Containerizer target;
        if (options.containsKey("push")) {
            ImageReference reference = ImageReference.parse(options.get("push"));
            target = Containerizer.to(RegistryImage.named(reference)
                    .addCredentialRetriever(CredentialRetrieverFactory.forImage(reference, event -> {})
                            .dockerConfig()));
        } else {
            target = Containerizer.to(
                    TarImage.at(Path.of(required(options, "tar"))).named(name));
        }
        JibContainer built = image.containerize(target.setToolName("hearth-images"));
        System.out.println(name + " " + built.getDigest());
    }

    /** Every file under {@code roots}, at the same path under /deployments, readable by anyone, never writable. */
    static FileEntriesLayer layer(String name, Path app, Path... roots) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted()
                        .forEach(file -> layer.addEntry(
                                file,
                                HOME.resolve(app.relativize(file).toString().replace('\\', '/')),
                                Files.isDirectory(file)
                                        ? FilePermissions.fromOctalString("755")
                                        : FilePermissions.fromOctalString("644"),
                                Instant.EPOCH));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return layer.build();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
