package app.hearth.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What deploy/k8s/try-on-podman runs is the dev overlay's own pods: the single-host component changes only what one
 * machine needs (host network, loopback addresses, local images and Secrets), so a pass there says something about
 * the cluster's pods; and nothing it points at leaves this machine.
 */
class SingleHostOverlayTest {
    private static final String SINGLE_HOST = "single-host";

    /** The configuration keys the component may change, and nothing else. */
    private static final Set<String> LOCAL_KEYS = Set.of(
            "HEARTH_DB_HOST",
            "HEARTH_DB_PORT",
            "HEARTH_KAFKA_BOOTSTRAP",
            "HEARTH_OIDC_ISSUER",
            "HEARTH_COUPLE_SERVICE_URL",
            "HEARTH_EXERCISE_SERVICE_URL",
            "HEARTH_REMINDER_SERVICE_URL",
            "HEARTH_INSIGHTS_SERVICE_URL",
            "KAFKA_SECURITY_PROTOCOL",
            "HEARTH_OTEL_ENDPOINT");

    @Test
    void theDeploymentsAreTheDevOverlaysButForHostNetworkLocalImagesAndThePlaintextBroker() {
        for (String service : Manifests.SERVICES) {
            JsonNode dev = Manifests.named("dev", "Deployment", service);
            JsonNode local = Manifests.named(SINGLE_HOST, "Deployment", service);
            JsonNode localPod = local.path("spec").path("template").path("spec");
            assertThat(localPod.path("hostNetwork").asBoolean()).isTrue();
            assertThat(container(local).path("image").asText()).isEqualTo("localhost/hearth/" + service + ":0.1.0");

            ObjectNode expected = dev.deepCopy();
            ObjectNode pod = (ObjectNode) expected.path("spec").path("template").path("spec");
            pod.put("hostNetwork", true);
            ObjectNode app = (ObjectNode) pod.path("containers").path(0);
            app.put("image", container(local).path("image").asText());
            // The Kafka CA is only for the cluster's TLS listener; the config map's name carries its content's hash.
            pod.set("volumes", pod.path("volumes").deepCopy());
            ((ArrayNode) pod.path("volumes"))
                    .removeIf(v -> v.path("name").asText().equals("kafka-ca"));
            ((ArrayNode) app.path("volumeMounts"))
                    .removeIf(m -> m.path("mountPath").asText().equals("/etc/kafka-ca"));
            ((ObjectNode) app.path("envFrom").path(0).path("configMapRef"))
                    .put(
                            "name",
                            container(local)
                                    .path("envFrom")
                                    .path(0)
                                    .path("configMapRef")
                                    .path("name")
                                    .asText());
            assertThat(local).as(service).isEqualTo(expected);
        }
    }

    @Test
    void theConfigurationChangesOnlyWhereThingsAreAndEverythingIsOnLoopback() {
        Map<String, String> dev = config("dev");
        Map<String, String> local = config(SINGLE_HOST);
        assertThat(local.keySet()).isEqualTo(dev.keySet());
        Map<String, String> changed = local.entrySet().stream()
                .filter(e -> !e.getValue().equals(dev.get(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertThat(LOCAL_KEYS).containsAll(changed.keySet());
        assertThat(local.get("HEARTH_DB_HOST")).isEqualTo("127.0.0.1");
        assertThat(local.get("HEARTH_KAFKA_BOOTSTRAP")).startsWith("127.0.0.1:");
        for (String key : List.of(
                "HEARTH_OIDC_ISSUER",
                "HEARTH_COUPLE_SERVICE_URL",
                "HEARTH_EXERCISE_SERVICE_URL",
                "HEARTH_REMINDER_SERVICE_URL",
                "HEARTH_INSIGHTS_SERVICE_URL",
                "HEARTH_OTEL_ENDPOINT")) {
            assertThat(URI.create(local.get(key)).getHost()).as(key).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void everySecretThePodsReadHasALocalValueAndOnlyTheLocalKeysAreAccepted() {
        Set<String> secrets =
                Manifests.ofKind(SINGLE_HOST, "Secret").map(Manifests::name).collect(Collectors.toSet());
        for (String service : Manifests.SERVICES) {
            JsonNode app = container(Manifests.named(SINGLE_HOST, "Deployment", service));
            app.path("env").forEach(env -> {
                JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(secrets)
                            .as(service + " " + env.path("name").asText())
                            .contains(ref.path("name").asText());
                }
            });
            app.path("envFrom").forEach(from -> {
                if (from.has("secretRef")) {
                    assertThat(secrets)
                            .contains(from.path("secretRef").path("name").asText());
                }
            });
        }
        // The published local keys, which a service accepts only when told so: never a real key in the repository.
        assertThat(Manifests.named(SINGLE_HOST, "Secret", "hearth-keys")
                        .path("data")
                        .fieldNames())
                .toIterable()
                .containsExactly("HEARTH_LOCAL_KEYS");
        assertThat(Manifests.ofKind("dev", "Secret"))
                .as("the cluster overlays generate no Secret")
                .isEmpty();
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
    }

    private static Map<String, String> config(String overlay) {
        JsonNode map = Manifests.ofKind(overlay, "ConfigMap")
                .filter(m -> Manifests.name(m).startsWith("hearth-config-"))
                .findFirst()
                .orElseThrow();
        Map<String, String> values = new TreeMap<>();
        map.path("data")
                .fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
