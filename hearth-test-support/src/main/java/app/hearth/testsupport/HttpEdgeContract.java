package app.hearth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every error a service answers is problem+json, the HTTP layer's own included: hostile paths and queries (NUL,
 * invalid UTF-8, broken percent-encoding), an over-long URI, oversized headers, unknown methods, wrong media types.
 * Requests go over a raw socket to the service on loopback, byte for byte as a hostile client would send them
 * (HTTP client libraries refuse to send most of these). No request here may ever answer 500.
 */
public abstract class HttpEdgeContract {

    /** A GET endpoint under /v1 that any signed-in person may call. */
    protected abstract String protectedPath();

    /** A POST endpoint that takes a JSON body, if the service has one. */
    protected String jsonPostPath() {
        return null;
    }

    /** An answer read off the wire: status, content type and body. */
    public record RawAnswer(int status, String contentType, String body) {
        JsonPath json() {
            return new JsonPath(body);
        }
    }

    /** Sends {@code request} (a whole HTTP/1.1 request, CRLFs included) and reads the answer until the server closes. */
    public static RawAnswer raw(String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // Read the head, then as many body bytes as announced (the server need not close: a refused request's
            // announced body was never sent).
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int end = -1;
            long bodyLength = -1;
            int b;
            while ((b = in.read()) >= 0) {
                answer.write(b);
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                if (end < 0 && text.endsWith("\r\n\r\n")) {
                    end = text.length() - 4;
                    bodyLength = header(text.substring(0, end), "content-length")
                            .map(Long::parseLong)
                            .orElse(-1L);
                }
                if (end >= 0 && bodyLength >= 0 && answer.size() - end - 4 >= bodyLength) {
                    break;
                }
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            assertThat(end)
                    .as("an HTTP answer, not a dropped connection: %s", text)
                    .isPositive();
            String head = text.substring(0, end);
            return new RawAnswer(
                    Integer.parseInt(head.substring(9, 12)),
                    header(head, "content-type").orElse(""),
                    text.substring(end + 4));
        } catch (IOException e) {
            throw new AssertionError("the service closed the connection without an answer", e);
        }
    }

    private static Optional<String> header(String head, String name) {
        return head.lines()
                .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst();
    }

    /** A GET of {@code target} (sent as is), the connection closed after the answer. */
    public static RawAnswer get(String target, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return raw(request.append("Connection: close\r\n\r\n").toString());
    }

    static void assertProblem(RawAnswer answer, int status, String detailPart) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().getInt("status")).isEqualTo(status);
        assertThat(answer.json().getString("detail")).containsIgnoringCase(detailPart);
    }

    private String bearer() {
        return "Authorization: Bearer " + Tokens.user("alice");
    }

    @Test
    void aNulInThePathIsABadRequestNotAServerError() {
        assertProblem(get(protectedPath() + "/%00", bearer()), 400, "control character");
        assertProblem(get("/v1/%00", bearer()), 400, "U+0000");
    }

    @Test
    void aNulOrControlCharacterInTheQueryIsABadRequest() {
        assertProblem(get(protectedPath() + "?page=%00", bearer()), 400, "control character");
        assertProblem(get(protectedPath() + "?q=a%0Db", bearer()), 400, "U+000D");
    }

    @Test
    void invalidUtf8InPathOrQueryIsABadRequest() {
        assertProblem(get(protectedPath() + "/%C3%28", bearer()), 400, "UTF-8");
        assertProblem(get(protectedPath() + "?q=%FF%FE", bearer()), 400, "UTF-8");
        // An overlong encoding of '/' (a classic path-traversal trick) is not UTF-8 either.
        assertProblem(get("/v1/%C0%AF..%C0%AFetc", bearer()), 400, "UTF-8");
    }

    @Test
    void brokenPercentEncodingIsABadRequest() {
        assertProblem(get(protectedPath() + "/%", bearer()), 400, "two hex digits");
        assertProblem(get(protectedPath() + "/%zz", bearer()), 400, "two hex digits");
        assertProblem(get(protectedPath() + "?q=%4", bearer()), 400, "two hex digits");
    }

    @Test
    void anOverLongUriIsA414Problem() {
        assertProblem(get(protectedPath() + "/" + "a".repeat(10_000), bearer()), 414, "at most 8192");
        assertProblem(get(protectedPath() + "?q=" + "a".repeat(40_000)), 414, "at most 8192");
    }

    @Test
    void oversizedHeadersAreA431Problem() {
        assertProblem(get(protectedPath(), bearer(), "X-Padding: " + "a".repeat(20_000)), 431, "at most 16384");
        String[] many = new String[400];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-Many-" + i + ": " + "b".repeat(40);
        }
        assertProblem(get(protectedPath(), many), 431, "at most 16384");
    }

    @Test
    void unknownAndUnsupportedMethodsAreProblems() {
        RawAnswer brew = raw("BREW " + protectedPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(brew.status()).isIn(405, 501);
        assertThat(brew.contentType()).startsWith("application/problem+json");
        assertProblem(
                raw("DELETE " + protectedPath() + "/x/y/z/w HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                        + "\r\nConnection: close\r\n\r\n"),
                404,
                "nothing");
    }

    @Test
    void aBodyThatIsNotJsonIsA415ProblemAndAnAcceptThatCannotBeMetA406() {
        Assumptions.assumeTrue(jsonPostPath() != null, "this service takes no JSON body");
        String body = "hello";
        assertProblem(
                raw("POST " + jsonPostPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                        + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body),
                415,
                "application/json");
        assertProblem(get(protectedPath(), bearer(), "Accept: text/html"), 406, "json");
    }

    @Test
    void anOversizedBodyIsA413Problem() {
        String target = jsonPostPath() != null ? jsonPostPath() : protectedPath();
        // Over Hearth's limit, and over Quarkus's own (the backstop, which answers before any route runs).
        for (int announced : new int[] {100_000, 10_000_000}) {
            RawAnswer answer = raw("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + announced
                    + "\r\nConnection: close\r\n\r\n{");
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    /**
     * Every string field of every JSON request body in the service's own OpenAPI document, at any depth, sent once
     * with a NUL and once with an unpaired surrogate (text PostgreSQL cannot store as sent): each is a 400 problem
     * naming that field, never a 500 and never stored changed.
     */
    @Test
    void everyStringOfEveryRequestBodyRefusesTextTheDatabaseCannotStore() throws IOException {
        checkEveryStringOfEveryRequestBody();
    }

    /**
     * A token the operation admits (its OpenAPI {@code security}): a person's, or for an operation only partner apps
     * may call, a partner app's with the scopes it requires.
     */
    private static String admittedToken(JsonNode operation) {
        List<String> partnerScopes = null;
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.has("hearth-people")) {
                return Tokens.user("alice");
            }
            if (requirement.has("hearth-partner-apps")) {
                partnerScopes = new ArrayList<>();
                for (JsonNode scope : requirement.path("hearth-partner-apps")) {
                    partnerScopes.add(scope.asText());
                }
            }
        }
        return partnerScopes == null || partnerScopes.isEmpty()
                ? Tokens.user("alice")
                : Tokens.partnerApp(String.join(" ", partnerScopes));
    }

    private void checkEveryStringOfEveryRequestBody() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode document = ContractValidation.servedDocument("http://localhost:" + RestAssured.port);
        List<String> checked = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    String method = operation.getKey();
                    JsonNode schema = operation
                            .getValue()
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema");
                    if (!Set.of("post", "put", "patch").contains(method) || schema.isMissingNode()) {
                        return;
                    }
                    String target = filledIn(path.getKey(), operation.getValue());
                    String token = admittedToken(operation.getValue());
                    for (List<String> field : stringFields(document, schema, new ArrayList<>(), 0)) {
                        String fieldPath = String.join(".", field).replace(".[0]", "[0]");
                        for (String bad : new String[] {"\"a\\u0000b\"", "\"\\ud800\""}) {
                            String body = nested(json, field).replace("\"__BAD__\"", bad);
                            Response answer = RestAssured.given()
                                    .auth()
                                    .oauth2(token)
                                    .contentType("application/json")
                                    .accept("application/json")
                                    .body(body)
                                    .request(method, target);
                            assertThat(answer.statusCode())
                                    .as("%s %s with %s in %s: %s", method, target, bad, fieldPath, answer.asString())
                                    .isEqualTo(400);
                            assertThat(answer.contentType()).startsWith("application/problem+json");
                            assertThat(answer.jsonPath().getList("errors.field", String.class))
                                    .as("%s %s", method, target)
                                    .contains(fieldPath);
                        }
                        checked.add(method + " " + path.getKey() + " " + fieldPath);
                    }
                }));
        Assumptions.assumeFalse(checked.isEmpty(), "this service takes no JSON body with text");
    }

    /** The operation's path with each parameter filled in by its type (the body is read before anything is looked up). */
    private static String filledIn(String path, JsonNode operation) {
        String filled = path;
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"path".equals(parameter.path("in").asText())) {
                continue;
            }
            JsonNode type = parameter.path("schema");
            String value = type.path("type").asText().equals("integer")
                    ? "1"
                    : type.path("format").asText().equals("uuid")
                                    || type.path("$ref").asText().endsWith("UUID")
                            ? UUID.randomUUID().toString()
                            : "2026-W48";
            filled = filled.replace("{" + parameter.path("name").asText() + "}", value);
        }
        return filled.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    /** The paths (field names, "[0]" for an array's first item) of every string field a schema can hold. */
    private static List<List<String>> stringFields(JsonNode document, JsonNode schema, List<String> at, int depth) {
        List<List<String>> found = new ArrayList<>();
        schema = resolved(document, schema);
        if (depth > 6) {
            return found;
        }
        for (String combination : new String[] {"allOf", "oneOf", "anyOf"}) {
            for (JsonNode part : schema.path(combination)) {
                found.addAll(stringFields(document, part, at, depth + 1));
            }
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asText()
                : schema.path("type").asText();
        if ("string".equals(type) && !at.isEmpty()) {
            found.add(at);
        } else if ("array".equals(type)) {
            List<String> item = new ArrayList<>(at);
            item.add("[0]");
            found.addAll(stringFields(document, schema.path("items"), item, depth + 1));
        }
        schema.path("properties").fields().forEachRemaining(property -> {
            List<String> field = new ArrayList<>(at);
            field.add(property.getKey());
            found.addAll(stringFields(document, property.getValue(), field, depth + 1));
        });
        return found;
    }

    private static JsonNode resolved(JsonNode document, JsonNode schema) {
        while (schema.has("$ref")) {
            schema = document.at(schema.path("$ref").asText().substring(1));
        }
        return schema;
    }

    /** A JSON body holding only the field at {@code path}, its value the placeholder "__BAD__". */
    private static String nested(ObjectMapper json, List<String> path) {
        JsonNode value = json.getNodeFactory().textNode("__BAD__");
        for (int i = path.size() - 1; i >= 0; i--) {
            value = path.get(i).equals("[0]")
                    ? json.createArrayNode().add(value)
                    : json.createObjectNode().set(path.get(i), value);
        }
        return value.toString();
    }
}
