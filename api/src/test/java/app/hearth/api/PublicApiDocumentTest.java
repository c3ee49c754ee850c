package app.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.testsupport.PeerServices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The public API document couple-service serves ({@code GET /v1/openapi}) is the four services' served documents
 * joined: every public operation exactly as its service documents it, nothing internal, nothing that does not resolve,
 * the public entry point as its server and, served on the test stack, where each path's service is. It is saved as
 * {@code target/hearth-api.served.json}: {@code api/check} publishes it (with production's servers) and lints it.
 */
class PublicApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES =
            List.of("couple-service", "exercise-service", "reminder-service", "insights-service");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The served document, fetched without a token and saved; its path. */
    static synchronized Path served() throws IOException, InterruptedException {
        Path file = Path.of("target/hearth-api.served.json").toAbsolutePath();
        SERVICES.forEach(PeerServices::url); // all four running: the document joins what they serve
        HttpResponse<String> answer = get(PeerServices.url("couple-service") + "/v1/openapi");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Files.writeString(file, answer.body());
        return file;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void joinsEveryPublicOperationOfEveryServiceAsItsServiceDocumentsIt() throws Exception {
        JsonNode joined = JSON.readTree(Files.readString(served()));

        assertThat(joined.at("/info/title").asText()).isEqualTo("Hearth API");
        assertThat(joined.at("/servers/0/url").asText()).isEqualTo("https://api.hearth.app");
        int public_ = 0;
        Set<String> operationIds = new HashSet<>();
        for (String service : SERVICES) {
            JsonNode own = JSON.readTree(
                    get(PeerServices.url(service) + "/q/openapi?format=json").body());
            for (var path : own.path("paths").properties()) {
                for (var operation : path.getValue().properties()) {
                    if (!METHODS.contains(operation.getKey())) {
                        continue;
                    }
                    JsonNode there = joined.path("paths").path(path.getKey()).path(operation.getKey());
                    String what = operation.getKey().toUpperCase() + " " + path.getKey() + " of " + service;
                    if (operation.getValue().path("x-internal").asText().equals("true")) {
                        assertThat(there).as(what + " is internal").isNotEqualTo(operation.getValue());
                        continue;
                    }
                    public_++;
                    assertThat(there).as(what).isEqualTo(operation.getValue());
                    assertThat(joined.path("paths")
                                    .path(path.getKey())
                                    .at("/servers/0/url")
                                    .asText())
                            .as("where the test stack serves " + what)
                            .isEqualTo(PeerServices.url(service));
                    assertThat(operationIds.add(there.path("operationId").asText()))
                            .as("unique operationId of " + what)
                            .isTrue();
                }
            }
        }
        int joinedOperations = 0;
        for (JsonNode item : joined.path("paths")) {
            joinedOperations += (int) item.properties().stream()
                    .filter(f -> METHODS.contains(f.getKey()))
                    .count();
        }
        assertThat(joinedOperations).as("operations in the joined document").isEqualTo(public_);
        assertThat(joined.toString()).doesNotContain("x-internal", "/v1/ops/");
        assertThat(unresolved(joined)).as("$refs that resolve to nothing").isEmpty();
        // The collision naive joins trip on: GET /v1/me/export is couple-service's (the whole export).
        assertThat(joined.at("/paths/~1v1~1me~1export/get/operationId").asText())
                .isEqualTo("exportMyData");
    }

    private static List<String> unresolved(JsonNode document) {
        List<String> missing = new ArrayList<>();
        List<JsonNode> toVisit = new ArrayList<>(List.of(document));
        while (!toVisit.isEmpty()) {
            JsonNode node = toVisit.remove(toVisit.size() - 1);
            if (node.isObject() && node.path("$ref").isTextual()) {
                String ref = node.get("$ref").asText();
                if (!ref.startsWith("#") || document.at(ref.substring(1)).isMissingNode()) {
                    missing.add(ref);
                }
            }
            node.forEach(toVisit::add);
        }
        return missing;
    }

    @Test
    void needsNoTokenAndAnswersInProblemJsonWhenRefused() throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(PeerServices.url("couple-service") + "/v1/openapi"))
                        .header("Accept", "application/xml")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(406);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Map.of("status", JSON.readTree(answer.body()).path("status").asInt()))
                .containsEntry("status", 406);
    }
}
