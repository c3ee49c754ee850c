package app.hearth.couple.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the services' OpenAPI documents into the public one (what Redocly's {@code remove-x-internal}, {@code join}
 * and {@code remove-unused-components} would do, and one thing they cannot): operations marked {@code x-internal}
 * (what the entry point does not route) are left out, the same operation in two documents or a component with one
 * name and two meanings is refused (a clash, never silently one of them), and components no operation reaches are
 * dropped. A schema property marked {@link #ANSWER_OF} takes the schema of another operation's answer, even an
 * internal one's (the export's parts: each service's own export, typed). Pure: the same documents give the same joined
 * document.
 */
public final class ApiDocumentJoin {
    /** On a schema property: the {@code operationId} whose 200 answer's schema it has in the joined document. */
    public static final String ANSWER_OF = "x-answer-of";

    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Two documents that cannot be joined as they are. */
    public static final class ClashException extends IllegalStateException {
        ClashException(String message) {
            super(message);
        }
    }

    private ApiDocumentJoin() {}

    /** The joined document under {@code info}; {@code documents} by the name of the service serving each. */
    public static ObjectNode join(JsonNode info, Map<String, JsonNode> documents) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode joined = json.objectNode();
        ArrayNode tags = json.arrayNode();
        ObjectNode paths = json.objectNode();
        ObjectNode components = json.objectNode();
        Map<String, String> operationOwners = new LinkedHashMap<>();
        Map<String, String> componentOwners = new LinkedHashMap<>();
        Set<String> tagNames = new HashSet<>();
        for (var entry : documents.entrySet()) {
            String service = entry.getKey();
            JsonNode document = entry.getValue();
            if (!joined.has("openapi")) {
                joined.set("openapi", document.path("openapi"));
            }
            document.path("paths").properties().forEach(path -> {
                ObjectNode item = (ObjectNode) paths.get(path.getKey());
                for (var field : path.getValue().properties()) {
                    boolean operation = METHODS.contains(field.getKey());
                    if (operation
                            && "true".equals(field.getValue().path("x-internal").asText())) {
                        continue;
                    }
                    if (item == null) {
                        item = paths.putObject(path.getKey());
                    }
                    if (!operation) {
                        if (!item.has(field.getKey())) {
                            item.set(field.getKey(), field.getValue());
                        }
                        continue;
                    }
                    String key = field.getKey().toUpperCase() + " " + path.getKey();
                    String owner = operationOwners.putIfAbsent(key, service);
                    if (owner != null) {
                        throw new ClashException(key + " is served by both " + owner + " and " + service);
                    }
                    item.set(field.getKey(), field.getValue());
                }
            });
            for (JsonNode tag : document.path("tags")) {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            }
            document.path("components").properties().forEach(kind -> {
                ObjectNode into = components.has(kind.getKey())
                        ? (ObjectNode) components.get(kind.getKey())
                        : components.putObject(kind.getKey());
                kind.getValue().properties().forEach(component -> {
                    String key = "components." + kind.getKey() + "." + component.getKey();
                    JsonNode existing = into.get(component.getKey());
                    if (existing == null) {
                        into.set(component.getKey(), component.getValue());
                        componentOwners.put(key, service);
                    } else if (!existing.equals(component.getValue())) {
                        throw new ClashException(
                                key + " differs between " + componentOwners.get(key) + " and " + service);
                    }
                });
            });
        }
        resolveAnswersOf(components, documents);
        joined.set("info", info);
        joined.set("tags", usedTags(tags, paths));
        joined.set("paths", paths);
        dropUnreached(components, paths);
        joined.set("components", components);
        return joined;
    }

    /** Gives each property marked {@link #ANSWER_OF} the schema of that operation's 200 answer (null stays allowed). */
    private static void resolveAnswersOf(ObjectNode components, Map<String, JsonNode> documents) {
        components
                .path("schemas")
                .forEach(schema -> schema.path("properties").properties().forEach(property -> {
                    JsonNode declared = property.getValue();
                    if (!declared.has(ANSWER_OF)) {
                        return;
                    }
                    String operationId = declared.get(ANSWER_OF).asText();
                    JsonNode answer = documents.values().stream()
                            .flatMap(d -> d.path("paths").valueStream())
                            .flatMap(JsonNode::valueStream)
                            .filter(operation -> operationId.equals(
                                    operation.path("operationId").asText()))
                            .map(operation -> operation.at("/responses/200/content/application~1json/schema"))
                            .filter(JsonNode::isObject)
                            .findFirst()
                            .orElseThrow(() -> new ClashException(
                                    ANSWER_OF + " names " + operationId + ", which no document answers with JSON"));
                    ObjectNode resolved = JsonNodeFactory.instance.objectNode();
                    if (declared.has("description")) {
                        resolved.set("description", declared.get("description"));
                    }
                    boolean nullable = false;
                    for (JsonNode alternative : declared.path("anyOf")) {
                        nullable |= "null".equals(alternative.path("type").asText());
                    }
                    if (nullable) {
                        resolved.putArray("anyOf")
                                .add(answer)
                                .add(JsonNodeFactory.instance.objectNode().put("type", "null"));
                    } else {
                        resolved.setAll((ObjectNode) answer);
                    }
                    property.setValue(resolved);
                }));
    }

    /** The tags an operation uses, in the documents' order. */
    private static ArrayNode usedTags(ArrayNode tags, ObjectNode paths) {
        Set<String> used = new HashSet<>();
        paths.forEach(item -> item.properties().forEach(field -> {
            if (METHODS.contains(field.getKey())) {
                field.getValue().path("tags").forEach(tag -> used.add(tag.asText()));
            }
        }));
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        tags.forEach(tag -> {
            if (used.contains(tag.path("name").asText())) {
                kept.add(tag);
            }
        });
        return kept;
    }

    /**
     * Drops every component no operation reaches through {@code $ref}s; security schemes stay (operations name them,
     * not refer to them).
     */
    private static void dropUnreached(ObjectNode components, ObjectNode paths) {
        Set<String> reached = new HashSet<>();
        Deque<JsonNode> toVisit = new ArrayDeque<>(List.of(paths));
        while (!toVisit.isEmpty()) {
            JsonNode node = toVisit.pop();
            if (node.isObject() && node.path("$ref").isTextual()) {
                String ref = node.get("$ref").asText();
                if (ref.startsWith("#/components/") && reached.add(ref)) {
                    String[] parts = ref.substring("#/components/".length()).split("/", 2);
                    JsonNode target = components.path(parts[0]).path(parts[1]);
                    if (!target.isMissingNode()) {
                        toVisit.push(target);
                    }
                }
            }
            node.forEach(toVisit::push);
        }
        components.properties().forEach(kind -> {
            if (kind.getKey().equals("securitySchemes")) {
                return;
            }
            for (Iterator<String> names = kind.getValue().fieldNames(); names.hasNext(); ) {
                if (!reached.contains("#/components/" + kind.getKey() + "/" + names.next())) {
                    names.remove();
                }
            }
        });
        for (Iterator<JsonNode> kinds = components.elements(); kinds.hasNext(); ) {
            if (kinds.next().isEmpty()) {
                kinds.remove();
            }
        }
    }
}
