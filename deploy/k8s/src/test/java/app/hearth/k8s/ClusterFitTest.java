package app.hearth.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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

    /** A browser the identity provider lets sign in (the web app's origin) may call the API, and no other. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServicesAllowTheOriginsTheWebAppSignsInFrom(String overlay) {
        JsonNode webApp = StreamSupport.stream(
                        Manifests.named(overlay, "KeycloakRealmImport", "hearth-realm")
                                .at("/spec/realm/clients")
                                .spliterator(),
                        false)
                .filter(c -> c.path("clientId").asText().equals("hearth-app"))
                .findFirst()
                .orElseThrow();
        List<String> webOrigins = new ArrayList<>();
        webApp.path("webOrigins").forEach(o -> webOrigins.add(o.asText()));
        assertThat(List.of(configMapValue(overlay, "HEARTH_CORS_ORIGINS").split(",")))
                .containsExactlyInAnyOrderElementsOf(webOrigins)
                .allSatisfy(origin -> assertThat(origin).startsWith("https://").doesNotContain("*"));
    }

    /** The served OpenAPI documents send clients to sign in at Keycloak's public hostname, with the realm's name. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDocumentsSignClientsInAtKeycloaksPublicHostname(String overlay) {
        String hostname = Manifests.named(overlay, "Keycloak", "hearth-id")
                .at("/spec/hostname/hostname")
                .asText();
        String realm = Manifests.named(overlay, "KeycloakRealmImport", "hearth-realm")
                .at("/spec/realm/realm")
                .asText();
        assertThat(configMapValue(overlay, "HEARTH_API_IDENTITY_URL")).isEqualTo(hostname + "/realms/" + realm);
    }

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

    /**
     * Every pod that runs in hearth meets Pod Security "restricted", which the namespace enforces: the pod templates the
     * overlays render (Deployments), the ones the operators build from the custom resources (Kafka brokers and entity
     * operator, Keycloak and its realm-import Job, which copies Keycloak's template), and the operators' own, patched
     * by operators/restricted-patch.json.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodInTheNamespaceMeetsPodSecurityRestricted(String overlay) throws IOException {
        assertThat(Manifests.YAML
                        .readTree(Manifests.read(Manifests.K8S.resolve("namespace.yaml")))
                        .at("/metadata/labels/pod-security.kubernetes.io~1enforce")
                        .asText())
                .isEqualTo("restricted");
        // Not in the overlay: deleting it must not delete the namespace and its Secrets and volumes.
        assertThat(Manifests.ofKind(overlay, "Namespace").toList()).isEmpty();
        Map<String, List<String>> problems = new TreeMap<>();
        Manifests.ofKind(overlay, "Deployment")
                .forEach(d -> problems.put(
                        Manifests.id(d),
                        restrictedProblems(
                                d.at("/spec/template/spec/securityContext"),
                                children(d.at("/spec/template/spec/containers"), "securityContext"),
                                d.at("/spec/template/spec"))));
        JsonNode keycloak = Manifests.named(overlay, "Keycloak", "hearth-id").at("/spec/unsupported/podTemplate/spec");
        problems.put(
                "Keycloak/hearth-id (and its realm import)",
                restrictedProblems(
                        keycloak.path("securityContext"),
                        children(keycloak.path("containers"), "securityContext"),
                        keycloak));
        JsonNode entityOperator = Manifests.named(overlay, "Kafka", "hearth").at("/spec/entityOperator/template");
        problems.put(
                "Kafka/hearth entity operator",
                restrictedProblems(
                        entityOperator.at("/pod/securityContext"),
                        List.of(
                                entityOperator.at("/topicOperatorContainer/securityContext"),
                                entityOperator.at("/userOperatorContainer/securityContext")),
                        entityOperator.path("pod")));
        Manifests.ofKind(overlay, "KafkaNodePool")
                .forEach(pool -> problems.put(
                        Manifests.id(pool),
                        restrictedProblems(
                                pool.at("/spec/template/pod/securityContext"),
                                List.of(pool.at("/spec/template/kafkaContainer/securityContext")),
                                pool.at("/spec/template/pod"))));
        JsonNode patch =
                Manifests.JSON.readTree(Manifests.read(Manifests.K8S.resolve("operators/restricted-patch.json")));
        JsonNode podContext = null;
        JsonNode containerContext = null;
        for (JsonNode op : patch) {
            if (op.path("path").asText().equals("/spec/template/spec/securityContext")) {
                podContext = op.path("value");
            } else if (op.path("path").asText().equals("/spec/template/spec/containers/0/securityContext")) {
                containerContext = op.path("value");
            }
        }
        problems.put(
                "operators/restricted-patch.json",
                restrictedProblems(
                        podContext == null ? Manifests.JSON.missingNode() : podContext,
                        List.of(containerContext == null ? Manifests.JSON.missingNode() : containerContext),
                        Manifests.JSON.createObjectNode()));
        problems.values().removeIf(List::isEmpty);
        assertThat(problems).isEmpty();
    }

    /** What the "restricted" Pod Security Standard refuses in one pod (v1.32): each rule it checks, by name. */
    static List<String> restrictedProblems(JsonNode pod, List<JsonNode> containers, JsonNode podSpec) {
        List<String> problems = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (podSpec.path(host).asBoolean(false)) {
                problems.add(host);
            }
        }
        boolean podNonRoot = pod.path("runAsNonRoot").asBoolean(false);
        String podSeccomp = pod.at("/seccompProfile/type").asText("");
        if (containers.isEmpty()) {
            problems.add("no container security context");
        }
        for (JsonNode c : containers) {
            if (c.path("privileged").asBoolean(false)) {
                problems.add("privileged");
            }
            if (c.path("allowPrivilegeEscalation").isMissingNode()
                    || c.path("allowPrivilegeEscalation").asBoolean(true)) {
                problems.add("allowPrivilegeEscalation must be false");
            }
            if (!(podNonRoot || c.path("runAsNonRoot").asBoolean(false))) {
                problems.add("runAsNonRoot");
            }
            if (c.path("runAsUser").asInt(-1) == 0 || pod.path("runAsUser").asInt(-1) == 0) {
                problems.add("runAsUser 0");
            }
            String seccomp = c.at("/seccompProfile/type").asText(podSeccomp);
            if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                problems.add("seccompProfile RuntimeDefault or Localhost");
            }
            List<String> drop = StreamSupport.stream(c.at("/capabilities/drop").spliterator(), false)
                    .map(JsonNode::asText)
                    .toList();
            if (!drop.contains("ALL")) {
                problems.add("capabilities.drop [ALL]");
            }
            StreamSupport.stream(c.at("/capabilities/add").spliterator(), false)
                    .map(JsonNode::asText)
                    .filter(cap -> !cap.equals("NET_BIND_SERVICE"))
                    .forEach(cap -> problems.add("capabilities.add " + cap));
        }
        StreamSupport.stream(podSpec.path("volumes").spliterator(), false)
                .filter(v -> v.has("hostPath"))
                .forEach(v -> problems.add("hostPath volume " + v.path("name").asText()));
        return problems;
    }

    private static List<JsonNode> children(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(item -> item.path(field))
                .toList();
    }

    /**
     * Prod keeps what it commits: base backups and WAL archiving to object storage with a retention within the erasure
     * window, a daily backup, and every commit on a standby before it returns (no event on Kafka about a transaction a
     * new primary never had). Dev has one instance and no object storage.
     */
    @Test
    void prodBacksUpArchivesWalAndCommitsOnAStandby() {
        JsonNode cluster = Manifests.named("prod", "Cluster", "hearth-db");
        JsonNode store = Manifests.named("prod", "ObjectStore", "hearth-backups");
        assertThat(StreamSupport.stream(cluster.at("/spec/plugins").spliterator(), false)
                        .filter(p -> p.path("isWALArchiver").asBoolean())
                        .map(p -> p.at("/parameters/barmanObjectName").asText())
                        .toList())
                .containsExactly(Manifests.name(store));
        assertThat(store.at("/spec/retentionPolicy").asText()).isEqualTo("30d");
        JsonNode daily = Manifests.named("prod", "ScheduledBackup", "hearth-db-daily");
        assertThat(daily.at("/spec/cluster/name").asText()).isEqualTo("hearth-db");
        assertThat(daily.at("/spec/method").asText()).isEqualTo("plugin");
        assertThat(cluster.at("/spec/postgresql/synchronous/number").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(cluster.at("/spec/postgresql/synchronous/dataDurability").asText())
                .isEqualTo("required");
        assertThat(cluster.at("/spec/instances").asInt())
                .isGreaterThan(cluster.at("/spec/postgresql/synchronous/number").asInt());
        JsonNode dev = Manifests.named("dev", "Cluster", "hearth-db");
        assertThat(dev.at("/spec/postgresql/synchronous").isMissingNode()).isTrue();
        assertThat(Manifests.ofKind("dev", "ScheduledBackup").toList()).isEmpty();
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
