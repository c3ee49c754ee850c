package app.hearth.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only fits once it meets a real cluster, checked from the rendered overlays: the pods the operators create
 * reach what they need, the database's connections hold at the autoscalers' maximum, and the gateway is one setting.
 */
class ClusterFitTest {

    /**
     * The labels the Keycloak operator puts on its pods (its Utils.allInstanceLabels: app, managed-by, instance), and
     * on the realm-import Job's pod, a copy of the server's template with {@code app} replaced
     * (KeycloakRealmImportJobDependentResource: "The Job should not be selected with app=keycloak").
     */
    private static final Map<String, String> KEYCLOAK_SERVER = Map.of(
            "app", "keycloak",
            "app.kubernetes.io/managed-by", "keycloak-operator",
            "app.kubernetes.io/instance", "hearth-id");

    private static final Map<String, String> KEYCLOAK_REALM_IMPORT = Map.of(
            "app", "keycloak-realm-import",
            "app.kubernetes.io/managed-by", "keycloak-operator",
            "app.kubernetes.io/instance", "hearth-id");

    /** PostgreSQL's superuser_reserved_connections (its default), and what the operator and its exporter hold. */
    private static final int RESERVED = 3 + 10;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void keycloakAndItsRealmImportMayConnectToTheDatabase(String overlay) {
        JsonNode db = Manifests.named(overlay, "NetworkPolicy", "hearth-db-ingress");
        assertThat(admitsOnPort(db, KEYCLOAK_SERVER, 5432))
                .as("Keycloak's pods")
                .isTrue();
        assertThat(admitsOnPort(db, KEYCLOAK_REALM_IMPORT, 5432))
                .as("the realm import Job's pod")
                .isTrue();
        assertThat(admitsOnPort(db, Map.of("app", "something-else"), 5432)).isFalse();
    }

    @Test
    void theDatabaseHasConnectionsForEveryReplicaTheAutoscalersMayStart() {
        String overlay = "prod";
        int poolPerReplica = Integer.parseInt(configMapValue(overlay, "HEARTH_DB_POOL_SIZE"));
        int services = 0;
        for (String service : Manifests.SERVICES) {
            int maxReplicas = Manifests.named(overlay, "HorizontalPodAutoscaler", service)
                    .at("/spec/maxReplicas")
                    .asInt();
            // reminder-service also holds one LISTEN connection per replica outside its pool (LiveNotifications).
            services += maxReplicas * (poolPerReplica + (service.equals("reminder-service") ? 1 : 0));
        }
        JsonNode keycloak = Manifests.named(overlay, "Keycloak", "hearth-id");
        int keycloakConnections = keycloak.at("/spec/instances").asInt()
                * keycloak.at("/spec/db/poolMaxSize").asInt(100);
        int maxConnections = Integer.parseInt(Manifests.named(overlay, "Cluster", "hearth-db")
                .at("/spec/postgresql/parameters/max_connections")
                .asText());
        assertThat(services + keycloakConnections + RESERVED)
                .as(
                        "%d for the services at their maximum, %d for Keycloak, %d reserved",
                        services, keycloakConnections, RESERVED)
                .isLessThanOrEqualTo(maxConnections);
        // The platform default (local, tests) stays what the benchmarks ran with; the cluster sets its own.
        assertThat(poolPerReplica)
                .isLessThan(Integer.parseInt(
                        platformDefault("quarkus.datasource.jdbc.max-size").replaceAll(".*:(\\d+)}", "$1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGatewayIsOneSetting(String overlay) throws IOException {
        JsonNode settings = Manifests.YAML
                .readTree(Manifests.read(Manifests.K8S.resolve("components/gateway/gateway.yaml")))
                .path("data");
        assertThat(Manifests.ofKind(overlay, "ConfigMap").map(Manifests::name)).doesNotContain("hearth-gateway");
        List<JsonNode> routes = Manifests.ofKind(overlay, "HTTPRoute").toList();
        assertThat(routes).hasSize(2).allSatisfy(route -> {
            JsonNode parent = route.at("/spec/parentRefs/0");
            assertThat(parent.path("name").asText())
                    .isEqualTo(settings.path("gatewayName").asText());
            assertThat(parent.path("namespace").asText())
                    .isEqualTo(settings.path("gatewayNamespace").asText());
            assertThat(parent.path("sectionName").asText())
                    .isEqualTo(settings.path("listener").asText());
        });
        for (String policy : List.of("hearth-services-ingress", "hearth-id-ingress")) {
            assertThat(Manifests.named(overlay, "NetworkPolicy", policy)
                            .at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                            .asText())
                    .as(policy)
                    .isEqualTo(settings.path("dataPlaneNamespace").asText());
        }
        // The live stream outlives any default request timeout.
        JsonNode api = Manifests.named(overlay, "HTTPRoute", "hearth-api");
        assertThat(StreamSupport.stream(api.at("/spec/rules").spliterator(), false)
                        .filter(rule -> rule.toString().contains("/v1/me/notifications/stream"))
                        .map(rule -> rule.at("/timeouts/request").asText())
                        .toList())
                .containsExactly("0s");
    }

    /** Whether an ingress rule of {@code policy} lets a pod of this namespace with {@code labels} in on {@code port}. */
    private static boolean admitsOnPort(JsonNode policy, Map<String, String> labels, int port) {
        for (JsonNode rule : policy.at("/spec/ingress")) {
            boolean portAllowed = rule.path("ports").isEmpty()
                    || StreamSupport.stream(rule.path("ports").spliterator(), false)
                            .anyMatch(p -> p.path("port").asInt() == port);
            boolean selected = StreamSupport.stream(rule.path("from").spliterator(), false)
                    .filter(from -> from.path("namespaceSelector").isMissingNode() && from.has("podSelector"))
                    .anyMatch(from -> selects(from.path("podSelector"), labels));
            if (portAllowed && selected) {
                return true;
            }
        }
        return false;
    }

    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        var wanted = selector.path("matchLabels").properties();
        for (var label : wanted) {
            if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        return selector.path("matchExpressions").isEmpty();
    }

    private static String configMapValue(String overlay, String key) {
        return Manifests.ofKind(overlay, "ConfigMap")
                .map(c -> c.at("/data/" + key))
                .filter(v -> !v.isMissingNode())
                .map(JsonNode::asText)
                .findFirst()
                .orElseThrow(() -> new AssertionError(key + " is in no ConfigMap of overlays/" + overlay));
    }

    private static String platformDefault(String key) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Manifests.read(Manifests.ROOT.resolve(
                    "hearth-platform/src/main/resources/META-INF/microprofile-config.properties"))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return p.getProperty(key);
    }
}
