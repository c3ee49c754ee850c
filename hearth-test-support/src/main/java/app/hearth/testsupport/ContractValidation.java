package app.hearth.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks every answer a REST test receives from a Hearth service against that service's own OpenAPI document (served at
 * {@code /q/openapi}): the status is one the operation declares, each header clients read (Location, ETag, Link,
 * Retry-After, Idempotent-Replayed, WWW-Authenticate, Content-Language) is declared for that status, the media type is
 * declared, and the body validates against its schema, which here also refuses fields the schema does not name. A
 * violation fails the call that received it (so the test), and is appended to {@code target/contract-violations.txt}
 * (with {@code HEARTH_CONTRACT_REPORT_ONLY=true} in the environment it only appends, to see every drift of a suite in one
 * run).
 * Installed on every {@code @QuarkusTest} by {@link ContractValidationInstaller}; answers from anything that serves no
 * OpenAPI document (Keycloak) and paths no operation documents ({@code /q/...}, probes of unknown routes) pass
 * unchecked.
 */
public final class ContractValidation implements Filter {

    static final ContractValidation INSTANCE = new ContractValidation();

    /** The headers a client reads besides the body: each must be declared where it is sent. */
    private static final List<String> DECLARED_HEADERS = List.of(
            "Location", "ETag", "Link", "Retry-After", "Idempotent-Replayed", "WWW-Authenticate", "Content-Language");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Optional<Document>> documents = new ConcurrentHashMap<>();

    private ContractValidation() {}

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification spec, FilterContext context) {
        Response response = context.next(request, spec);
        URI uri = URI.create(request.getURI());
        String origin = uri.getScheme() + "://" + uri.getAuthority();
        String path = uri.getRawPath();
        if (path.startsWith("/q/")) {
            return response;
        }
        documents.computeIfAbsent(origin, ContractValidation::load).ifPresent(document -> {
            List<String> violations = document.check(request.getMethod(), path, response);
            if (!violations.isEmpty()) {
                String report = request.getMethod() + " " + path + " → " + response.getStatusCode() + ":\n  "
                        + String.join("\n  ", violations);
                record(report);
                if ("true".equals(System.getenv("HEARTH_CONTRACT_REPORT_ONLY"))) {
                    return;
                }
                throw new AssertionError("The answer does not match the OpenAPI document of " + origin + ": " + report
                        + "\n  body: " + abbreviate(response.asString()));
            }
        });
        return response;
    }

    /**
     * What in {@code value} does not match the component schema {@code name} of the document the service at
     * {@code origin} serves (a message Hearth sends rather than answers: a push's plaintext, say).
     */
    public static List<String> violations(String origin, String name, JsonNode value) {
        return INSTANCE.documents
                .computeIfAbsent(origin, ContractValidation::load)
                .map(document -> document.validate("/components/schemas/" + Document.escape(name), value))
                .orElseThrow(() -> new IllegalStateException(origin + " serves no OpenAPI document"));
    }

    /**
     * The OpenAPI document {@code origin} serves (its {@code /q/openapi}), fetched once per origin and shared by every
     * check that reads it.
     */
    public static JsonNode servedDocument(String origin) {
        return INSTANCE.documents
                .computeIfAbsent(origin, ContractValidation::load)
                .map(document -> document.openapi)
                .orElseThrow(() -> new IllegalStateException(origin + " serves no OpenAPI document"));
    }

    private static Optional<Document> load(String origin) {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(origin + "/q/openapi?format=json"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode openapi = JSON.readTree(answer.body());
            return openapi.has("openapi") ? Optional.of(new Document(openapi)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static synchronized void record(String report) {
        try {
            Path file = Path.of("target", "contract-violations.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file, report + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The assertion still fails the test; the file is only a summary.
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
    }

    /** One service's document, with its operations' paths as patterns and the body schemas compiled on first use. */
    static final class Document {
        private final JsonNode openapi;
        private final JsonNode strict;
        private final List<Route> routes = new ArrayList<>();
        private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

        Document(JsonNode openapi) {
            this.openapi = openapi;
            this.strict = closeObjects(openapi.deepCopy());
            openapi.path("paths").fields().forEachRemaining(entry -> routes.add(new Route(entry.getKey())));
            // A literal segment wins over a parameter: /v1/invitations/accept before /v1/invitations/{id}.
            routes.sort(Comparator.comparingInt(Route::parameters));
        }

        List<String> check(String method, String path, Response response) {
            Optional<Route> route = routes.stream()
                    .filter(r -> r.pattern.matcher(path).matches())
                    .findFirst();
            JsonNode operation = route.map(
                            r -> openapi.path("paths").path(r.template).path(method.toLowerCase(Locale.ROOT)))
                    .orElse(null);
            if (operation == null || operation.isMissingNode()) {
                return List.of();
            }
            String pointerToOperation =
                    "/paths/" + escape(route.get().template) + "/" + method.toLowerCase(Locale.ROOT);
            List<String> violations = new ArrayList<>();
            String status = Integer.toString(response.getStatusCode());
            JsonNode declared = operation.path("responses").path(status);
            String pointer = pointerToOperation + "/responses/" + status;
            if (declared.isMissingNode()) {
                declared = operation.path("responses").path("default");
                pointer = pointerToOperation + "/responses/default";
            }
            if (declared.isMissingNode()) {
                return List.of("status " + status + " is not documented for " + method + " " + route.get().template);
            }
            if (declared.has("$ref")) {
                pointer = declared.get("$ref").asText().substring(1);
                declared = openapi.at(pointer);
            }
            for (String header : DECLARED_HEADERS) {
                if (response.getHeaders() != null
                        && response.getHeaders().hasHeaderWithName(header)
                        && !hasKeyIgnoringCase(declared.path("headers"), header)) {
                    violations.add("header " + header + " is sent but not declared for " + status);
                }
            }
            String contentType = response.getContentType();
            if (contentType == null || contentType.isBlank() || response.getStatusCode() == 204) {
                return violations;
            }
            String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (mediaType.equals("text/event-stream")) {
                return violations;
            }
            JsonNode media = declared.path("content").path(mediaType);
            if (media.isMissingNode()) {
                violations.add("media type " + mediaType + " is not declared for " + status + " (declared: "
                        + fieldNames(declared.path("content")) + ")");
                return violations;
            }
            if (!mediaType.endsWith("json") || !media.has("schema")) {
                return violations;
            }
            String body = response.asString();
            if (body.isEmpty()) {
                violations.add("empty body where " + mediaType + " is declared");
                return violations;
            }
            JsonNode value;
            try {
                value = JSON.readTree(body);
            } catch (IOException e) {
                violations.add("body is not JSON: " + e.getMessage());
                return violations;
            }
            String schemaPointer = pointer + "/content/" + escape(mediaType) + "/schema";
            JsonSchema schema = compiled.computeIfAbsent(schemaPointer, this::compile);
            schema.validate(value).forEach(m -> violations.add(m.getMessage()));
            return violations;
        }

        List<String> validate(String schemaPointer, JsonNode value) {
            if (strict.at(schemaPointer).isMissingNode()) {
                return List.of("the document has no " + schemaPointer);
            }
            return compiled.computeIfAbsent(schemaPointer, this::compile).validate(value).stream()
                    .map(m -> m.getMessage())
                    .toList();
        }

        /** The schema at that pointer, its $refs resolved inside the (strict) document. */
        private JsonSchema compile(String pointer) {
            ObjectNode root = strict.deepCopy();
            root.put("$ref", "#" + pointer);
            return SCHEMAS.getSchema(root, CONFIG);
        }

        private static String escape(String segment) {
            return segment.replace("~", "~0").replace("/", "~1");
        }
    }

    /**
     * Object schemas that list their properties but say nothing of others get {@code unevaluatedProperties: false}:
     * a field the server sends and the document does not name is drift too.
     */
    private static JsonNode closeObjects(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties")
                    && object.path("properties").isObject()
                    && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
            object.forEach(ContractValidation::closeObjects);
        } else if (node.isArray()) {
            node.forEach(ContractValidation::closeObjects);
        }
        return node;
    }

    private static boolean hasKeyIgnoringCase(JsonNode object, String key) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (names.next().equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Route(String template, Pattern pattern, int parameters) {
        Route(String template) {
            this(template, Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q")), (int)
                    template.chars().filter(c -> c == '{').count());
        }
    }
}
