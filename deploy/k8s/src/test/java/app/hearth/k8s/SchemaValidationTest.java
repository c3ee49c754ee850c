package app.hearth.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.common.UnknownPropertyPreserving;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object of every overlay validates: Kubernetes objects against the 1.32 API (the official Java client's models,
 * generated from its OpenAPI: unknown fields and missing required fields are refused), Strimzi's against Strimzi's own
 * model (no field it does not know, every enum value valid), the other operators' resources against their required
 * fields. An object of a kind nothing here validates fails the test.
 */
class SchemaValidationTest {

    private static final Map<String, Class<?>> KUBERNETES = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);

    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class);

    /** Required fields of the resources whose operators publish no model here (JSON pointers; [*] for every item). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "postgresql.cnpg.io/v1/Cluster",
                    List.of(
                            "/spec/instances",
                            "/spec/storage/size",
                            "/spec/managed/roles[*]/name",
                            "/spec/managed/roles[*]/passwordSecret/name"),
            "postgresql.cnpg.io/v1/Database", List.of("/spec/name", "/spec/owner", "/spec/cluster/name"),
            "postgresql.cnpg.io/v1/ScheduledBackup",
                    List.of("/spec/schedule", "/spec/cluster/name", "/spec/pluginConfiguration/name"),
            "barmancloud.cnpg.io/v1/ObjectStore",
                    List.of("/spec/configuration/destinationPath", "/spec/retentionPolicy"),
            "k8s.keycloak.org/v2alpha1/Keycloak",
                    List.of("/spec/db/vendor", "/spec/db/host", "/spec/hostname/hostname", "/spec/instances"),
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", List.of("/spec/keycloakCRName", "/spec/realm/realm"),
            "gateway.networking.k8s.io/v1/HTTPRoute",
                    List.of(
                            "/spec/parentRefs[*]/name",
                            "/spec/rules[*]/matches[*]/path/type",
                            "/spec/rules[*]/matches[*]/path/value",
                            "/spec/rules[*]/backendRefs[*]/name",
                            "/spec/rules[*]/backendRefs[*]/port"),
            "monitoring.coreos.com/v1/ServiceMonitor", List.of("/spec/selector", "/spec/endpoints[*]/port"),
            "monitoring.coreos.com/v1/PodMonitor", List.of("/spec/selector", "/spec/podMetricsEndpoints[*]/port"),
            "monitoring.coreos.com/v1/PrometheusRule",
                    List.of("/spec/groups[*]/name", "/spec/groups[*]/rules[*]/alert", "/spec/groups[*]/rules[*]/expr"));

    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Writes every property back, defaults included (Strimzi's models leave defaults out), so only nulls stand out. */
    private static final ObjectMapper EVERYTHING = new ObjectMapper()
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public JsonInclude.Value findPropertyInclusion(Annotated annotated) {
                    return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
                }
            });

    private static String type(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectValidates(String overlay) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : Manifests.render(overlay)) {
            String type = type(object);
            String problem;
            if (KUBERNETES.containsKey(type)) {
                problem = kubernetes(KUBERNETES.get(type), object);
            } else if (STRIMZI.containsKey(type)) {
                problem = strimzi(STRIMZI.get(type), object);
            } else if (REQUIRED.containsKey(type)) {
                problem = required(REQUIRED.get(type), object);
            } else {
                problem = "no validator for " + type;
            }
            if (problem == null && object.path("metadata").path("name").asText().isEmpty()) {
                problem = "no metadata.name";
            }
            if (problem != null) {
                problems.add(Manifests.id(object) + ": " + problem);
            }
        }
        assertThat(problems).as("overlays/" + overlay).isEmpty();
        assertThat(Manifests.render(overlay)).hasSizeGreaterThan(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void routeExpressionsCompileAndPathTypesAreKnown(String overlay) {
        Manifests.ofKind(overlay, "HTTPRoute")
                .forEach(route -> route.path("spec")
                        .path("rules")
                        .forEach(rule -> rule.path("matches").forEach(match -> {
                            String type = match.path("path").path("type").asText();
                            assertThat(type).isIn("Exact", "PathPrefix", "RegularExpression");
                            if (type.equals("RegularExpression")) {
                                Pattern.compile(match.path("path").path("value").asText());
                            }
                        })));
    }

    /** The validators would be worth nothing if they let anything through. */
    @Test
    void theValidatorsRefuseWhatIsWrong() throws Exception {
        JsonNode deployment =
                Manifests.named("dev", "Deployment", "couple-service").deepCopy();
        ((ObjectNode) deployment.path("spec")).put("replica", 2);
        assertThat(kubernetes(V1Deployment.class, deployment)).contains("replica");
        JsonNode noContainers =
                Manifests.named("dev", "Deployment", "couple-service").deepCopy();
        ((ObjectNode) noContainers.path("spec").path("template").path("spec")).remove("containers");
        assertThat(kubernetes(V1Deployment.class, noContainers)).contains("containers");

        JsonNode kafka = Manifests.named("dev", "Kafka", "hearth").deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka")).put("replicaz", 3);
        assertThat(strimzi(Kafka.class, kafka)).contains("replicaz");
        JsonNode badListener = Manifests.named("dev", "Kafka", "hearth").deepCopy();
        ((ObjectNode) badListener.path("spec").path("kafka").path("listeners").get(0)).put("type", "internall");
        assertThat(strimzi(Kafka.class, badListener)).isNotNull();

        JsonNode database =
                Manifests.named("dev", "Database", "hearth-db-couples").deepCopy();
        ((ObjectNode) database.path("spec")).remove("owner");
        assertThat(required(REQUIRED.get("postgresql.cnpg.io/v1/Database"), database))
                .contains("/spec/owner");
        assertThatThrownBy(() -> Manifests.render("no-such-overlay")).hasMessageContaining("kustomize");
    }

    static String kubernetes(Class<?> model, JsonNode object) {
        try {
            JsonElement json = JsonParser.parseString(Manifests.JSON.writeValueAsString(object));
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
            return null;
        } catch (InvocationTargetException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String strimzi(Class<?> model, JsonNode object) {
        Object parsed;
        try {
            parsed = STRICT.treeToValue(object, model);
        } catch (Exception e) {
            return e.getMessage();
        }
        List<String> unknown = new ArrayList<>();
        walk(parsed, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            return "fields Strimzi does not know: " + unknown;
        }
        // What the model could not take (an enum value it does not know reads as null) is missing when written back.
        List<String> lost = new ArrayList<>();
        lost(object.path("spec"), EVERYTHING.valueToTree(parsed).path("spec"), "/spec", lost);
        return lost.isEmpty() ? null : "values Strimzi does not accept: " + lost;
    }

    private static void lost(JsonNode given, JsonNode back, String path, List<String> lost) {
        if (given.isObject()) {
            given.fieldNames().forEachRemaining(f -> lost(given.get(f), back.path(f), path + "/" + f, lost));
        } else if (given.isArray()) {
            for (int i = 0; i < given.size(); i++) {
                lost(given.get(i), back.path(i), path + "/" + i, lost);
            }
        } else if (back.isMissingNode() || back.isNull() || !given.asText().equals(back.asText())) {
            lost.add(path + "=" + given.asText());
        }
    }

    /** Strimzi keeps fields it does not know instead of refusing them: find every one. */
    private static void walk(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "/" + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.strimzi.") || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof UnknownPropertyPreserving preserving && preserving.getAdditionalProperties() != null) {
            preserving.getAdditionalProperties().keySet().forEach(k -> unknown.add(path + "/" + k));
        }
        // Up to Object: a custom resource's spec is a field of fabric8's CustomResource.
        for (Class<?> c = value.getClass(); c != null && !c.getName().startsWith("java."); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("additionalProperties")) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    walk(field.get(value), path + "/" + field.getName(), unknown, seen);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    static String required(List<String> pointers, JsonNode object) {
        List<String> missing = new ArrayList<>();
        for (String pointer : pointers) {
            for (JsonNode found : resolve(List.of(object), pointer)) {
                if (found.isMissingNode()
                        || found.isNull()
                        || (found.isTextual() && found.asText().isBlank())) {
                    missing.add(pointer);
                    break;
                }
            }
        }
        return missing.isEmpty() ? null : "missing " + missing;
    }

    /** The nodes a pointer with [*] segments reaches (a missing node where a segment is absent). */
    private static List<JsonNode> resolve(List<JsonNode> from, String pointer) {
        int star = pointer.indexOf("[*]");
        if (star < 0) {
            return from.stream().map(n -> n.at(pointer)).toList();
        }
        String head = pointer.substring(0, star);
        String rest = pointer.substring(star + 3);
        List<JsonNode> next = new ArrayList<>();
        for (JsonNode node : from) {
            JsonNode array = node.at(head);
            if (!array.isArray() || array.isEmpty()) {
                next.add(MissingNode.getInstance());
                continue;
            }
            array.forEach(next::add);
        }
        List<JsonNode> present = next.stream().filter(n -> !n.isMissingNode()).toList();
        List<JsonNode> result = new ArrayList<>(rest.isEmpty() ? present : resolve(present, rest));
        next.stream().filter(JsonNode::isMissingNode).forEach(result::add);
        return result;
    }
}
