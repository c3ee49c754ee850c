package app.hearth.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An overlay rendered by {@code kubectl kustomize}, as the objects a cluster would be sent. */
final class Manifests {
    static final Path K8S = Path.of(System.getProperty("user.dir"));
    static final Path ROOT = K8S.resolve("../..").normalize();
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICES =
            List.of("couple-service", "exercise-service", "reminder-service", "insights-service");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {}

    static List<JsonNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::kustomize);
    }

    private static List<JsonNode> kustomize(String overlay) {
        try {
            Process kubectl = new ProcessBuilder(
                            "kubectl",
                            "kustomize",
                            K8S.resolve("overlays").resolve(overlay).toString())
                    .redirectErrorStream(false)
                    .start();
            byte[] out = kubectl.getInputStream().readAllBytes();
            String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize overlays/" + overlay + " failed: " + err);
            }
            List<JsonNode> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(out)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        objects.add(doc);
                    }
                }
            }
            return List.copyOf(objects);
        } catch (IOException e) {
            throw new AssertionError("kubectl (with kustomize) must be on the PATH: .ci/run installs it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Stream<JsonNode> ofKind(String overlay, String kind) {
        return render(overlay).stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    static JsonNode named(String overlay, String kind, String name) {
        return ofKind(overlay, kind)
                .filter(o -> name.equals(name(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " is not in overlays/" + overlay));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
