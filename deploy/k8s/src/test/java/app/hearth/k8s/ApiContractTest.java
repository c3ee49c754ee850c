package app.hearth.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI documents are a contract client developers generate from (docs/api-guidelines.md): what the linters in
 * api/check cannot know is checked here, on the documents the services' builds wrote, for all four at once.
 */
class ApiContractTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    /** verb + noun, camelCase: createInvitation, listMyCouples. */
    private static final Pattern OPERATION_ID = Pattern.compile(
            "(get|list|search|create|update|change|set|delete|erase|export|submit|edit|start|end|pause|resume|respond|"
                    + "answer|rate|complete|accept|revoke|request|approve|subscribe|unsubscribe|rotate|stream|mark|"
                    + "snooze|dismiss|skip|replay|register|rename|remove)[A-Z][A-Za-z]+");

    private record Op(String service, String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return service + " " + method.toUpperCase() + " " + path;
        }
    }

    private static JsonNode document(String service) throws Exception {
        Path file = Manifests.ROOT.resolve(service).resolve("target/openapi/openapi.json");
        assertThat(file)
                .as("the OpenAPI document " + service + "'s build writes (build the services first)")
                .exists();
        return Manifests.JSON.readTree(Files.readString(file));
    }

    private static List<Op> operations() throws Exception {
        List<Op> ops = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            JsonNode paths = document(service).path("paths");
            paths.fieldNames()
                    .forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(method -> {
                        if (METHODS.contains(method)) {
                            ops.add(new Op(
                                    service, method, path, paths.get(path).get(method)));
                        }
                    }));
        }
        return ops;
    }

    /** What a client reads besides the body is declared: where a creation is, how long to wait before a retry. */
    @Test
    void creationsDeclareLocationAndRetriesDeclareRetryAfter() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Op op : operations()) {
            JsonNode created = op.node().path("responses").path("201");
            if (!created.isMissingNode() && !created.path("headers").has("Location")) {
                problems.add(op + ": a 201 without a Location header");
            }
        }
        for (String service : Manifests.SERVICES) {
            JsonNode responses = document(service).path("components").path("responses");
            responses.fieldNames().forEachRemaining(name -> {
                JsonNode response = responses.get(name);
                String description = response.path("description").asText();
                if ((name.contains("TooMany") || name.contains("Unavailable") || name.contains("RateLimited"))
                        && !response.path("headers").has("Retry-After")) {
                    problems.add(service + " " + name + " (" + description + "): no Retry-After header");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOperationHasAUniqueVerbNounIdADefinedTagASummaryAndADescription() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Op> byId = new HashMap<>();
        for (Op op : operations()) {
            String id = op.node().path("operationId").asText("");
            if (!OPERATION_ID.matcher(id).matches()) {
                problems.add(op + ": operationId '" + id + "' is not verb + noun");
            }
            Op earlier = byId.put(id, op);
            if (earlier != null) {
                problems.add(op + ": operationId " + id + " is also " + earlier);
            }
            Set<String> defined = new TreeSet<>();
            document(op.service()).path("tags").forEach(t -> {
                if (!t.path("description").asText("").isBlank()) {
                    defined.add(t.path("name").asText());
                }
            });
            if (op.node().path("tags").size() != 1
                    || !defined.contains(op.node().path("tags").get(0).asText())) {
                problems.add(op + ": needs one tag, defined with a description, got "
                        + op.node().path("tags"));
            }
            if (op.node().path("summary").asText("").isBlank()
                    || op.node().path("description").asText("").length() < 20) {
                problems.add(op + ": summary and description");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(byId).hasSizeGreaterThan(75);
    }

    @Test
    void everyErrorIsDocumentedAsAProblemAndEveryInputCanBeRefused() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Op op : operations()) {
            JsonNode responses = op.node().path("responses");
            JsonNode components = document(op.service()).path("components");
            responses.fieldNames().forEachRemaining(status -> {
                if (status.matches("[45]\\d\\d")) {
                    JsonNode response = responses.get(status);
                    if (response.has("$ref")) {
                        response = components
                                .path("responses")
                                .path(response.get("$ref").asText().replace("#/components/responses/", ""));
                    }
                    if (!response.at("/content/application~1problem+json/schema/$ref")
                            .asText()
                            .equals("#/components/schemas/Problem")) {
                        problems.add(op + " " + status + ": not a problem+json answer");
                    }
                }
            });
            if (op.path().contains("{") && !responses.has("404")) {
                problems.add(op + ": an id in the path can be unknown, 404 undocumented");
            }
            if (op.node().has("requestBody")
                    && !(responses.has("400") && responses.has("413") && responses.has("415"))) {
                problems.add(op + ": a body can be malformed, too large or not JSON");
            }
            boolean idempotencyKey = false;
            for (JsonNode parameter : op.node().path("parameters")) {
                idempotencyKey |= parameter.path("$ref").asText().equals("#/components/parameters/IdempotencyKey");
            }
            if (op.method().equals("post") && !(idempotencyKey && responses.has("422"))) {
                problems.add(op + ": a POST takes an Idempotency-Key (and can refuse a reused one)");
            }
            if (responses
                    .at("/200/content/application~1json/schema/type")
                    .asText()
                    .equals("array")) {
                problems.add(
                        op
                                + ": a list answers with one page ({items, page, size, total} and Link headers), not a bare array");
            }
            boolean paged = false;
            for (JsonNode parameter : op.node().path("parameters")) {
                paged |= parameter.path("name").asText().equals("page");
            }
            if (paged
                    && !(responses.at("/200/headers").has("Link")
                            && responses
                                    .at("/200/content/application~1json/schema/$ref")
                                    .asText()
                                    .contains("/Page"))) {
                problems.add(op + ": a paged list answers with a Page and Link headers");
            }
            if (!op.node().path("security").isEmpty() && !responses.has("401")) {
                problems.add(op + ": 401 undocumented");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void internalOperationsAreExactlyThoseTheEntryPointDoesNotRoute() throws Exception {
        // api/check publishes everything not marked x-internal as the public API; the route table decides what is
        // public.
        List<String> problems = new ArrayList<>();
        for (Op op : operations()) {
            boolean marked = op.node().path("x-internal").asBoolean(false);
            if (marked != RouteTableTest.internal(op.service(), op.path())) {
                problems.add(op + (marked ? ": marked internal but routed" : ": not routed but not marked x-internal"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void clientsLearnHowToSignInAndWhereToSendRequests() throws Exception {
        for (String service : Manifests.SERVICES) {
            JsonNode doc = document(service);
            assertThat(doc.at("/info/description").asText()).as(service).isNotBlank();
            assertThat(doc.at("/info/contact/email").asText()).as(service).isNotBlank();
            assertThat(doc.at("/info/license/url").asText()).as(service).startsWith("https://");
            assertThat(doc.at("/servers/0/url").asText()).as(service).isEqualTo("https://api.hearth.app");
            JsonNode people = doc.at("/components/securitySchemes/hearth-people");
            assertThat(people.path("type").asText()).isEqualTo("oauth2");
            assertThat(people.at("/flows/authorizationCode/authorizationUrl").asText())
                    .endsWith("/protocol/openid-connect/auth");
            JsonNode apps = doc.at("/components/securitySchemes/hearth-partner-apps");
            assertThat(apps.at("/flows/clientCredentials/scopes").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("couples.read", "checkins.read", "insights.read", "reminders.read");
            // Every operation says who may call it: people, partner apps with the scopes listed, or both; an empty
            // security (no token needed: the public API document) says "Anyone".
            doc.path("paths")
                    .forEach(item -> item.forEach(operation -> {
                        if (operation.has("responses")) {
                            assertThat(operation.has("security"))
                                    .as(operation.path("operationId").asText())
                                    .isTrue();
                            assertThat(operation.path("description").asText())
                                    .containsPattern(
                                            operation.path("security").isEmpty()
                                                    ? "\\*\\*Anyone\\*\\*"
                                                    : "\\*\\*(People|Only)");
                        }
                    }));
        }
    }
}
