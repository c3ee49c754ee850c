package app.hearth.testsupport;

import static io.restassured.RestAssured.given;

import app.hearth.platform.privacy.OAuthSchemes;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Calls every operation of the service under test with a partner app's token, without scopes and with each scope a
 * partner app may request, and lists where the server and the service's OpenAPI document disagree: an operation whose
 * {@code security} admits partner apps with scopes S must refuse (403) a token lacking S and must not refuse one
 * holding S; every other operation refuses partner apps. Ids in paths are random: an admitted call then answers 404
 * or 400, never 401/403, and nothing changes.
 */
public final class PartnerAppScopes {

    public static final List<String> SCOPES =
            OAuthSchemes.SCOPES.stream().sorted().toList();
    private static final String PARTNER_APPS = "hearth-partner-apps";

    private PartnerAppScopes() {}

    /** Every disagreement, one line each ("GET /v1/... with {checkins.read}: 403, the document admits it"). */
    public static List<String> disagreements() throws Exception {
        JsonNode openapi = ContractValidation.servedDocument("http://localhost:" + RestAssured.port);
        List<Set<String>> tokens = new ArrayList<>();
        tokens.add(Set.of());
        SCOPES.forEach(scope -> tokens.add(Set.of(scope)));
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        for (var path : iterable(openapi.path("paths").fieldNames())) {
            for (var method : iterable(openapi.path("paths").path(path).fieldNames())) {
                JsonNode operation = openapi.path("paths").path(path).path(method);
                if (!operation.has("responses")) {
                    continue; // "parameters" and the like
                }
                List<Set<String>> admitted = new ArrayList<>();
                for (JsonNode requirement : operation.path("security")) {
                    if (requirement.has(PARTNER_APPS)) {
                        Set<String> scopes = new HashSet<>();
                        requirement.path(PARTNER_APPS).forEach(s -> scopes.add(s.asText()));
                        admitted.add(scopes);
                    }
                }
                String target = concrete(path, operation);
                for (Set<String> scopes : tokens) {
                    // "security: []": anyone, token or not (the public API document)
                    boolean documented = (operation.has("security")
                                    && operation.get("security").isEmpty())
                            || admitted.stream().anyMatch(scopes::containsAll);
                    int status = call(method, target, operation.has("requestBody"), scopes);
                    checked++;
                    boolean refused = status == 401 || status == 403;
                    if (documented == refused || (!documented && status != 403)) {
                        disagreements.add(method.toUpperCase(Locale.ROOT) + " " + path + " with " + scopes + ": "
                                + status + ", the document " + (documented ? "admits" : "refuses") + " it");
                    }
                }
            }
        }
        if (checked == 0) {
            disagreements.add("the document lists no operation");
        }
        return disagreements;
    }

    private static int call(String method, String target, boolean body, Set<String> scopes) {
        // "openid" alone: a token with none of Hearth's scopes (Keycloak refuses an empty scope parameter).
        String requested = scopes.isEmpty() ? "openid" : String.join(" ", scopes);
        RequestSpecification request = given().auth()
                .oauth2(Tokens.partnerApp(requested))
                .accept("*/*"); // the event stream answers only text/event-stream
        if (body) {
            request = request.contentType("application/json").body("{}");
        }
        return request.request(method.toUpperCase(Locale.ROOT), target).statusCode();
    }

    /** The path with each parameter filled: its example where the document gives one, else a random UUID. */
    private static String concrete(String path, JsonNode operation) {
        String target = path;
        for (JsonNode parameter : operation.path("parameters")) {
            if ("path".equals(parameter.path("in").asText())) {
                JsonNode example = parameter.path("schema").path("examples").path(0);
                String value = example.isMissingNode() ? UUID.randomUUID().toString() : example.asText();
                target = target.replace("{" + parameter.path("name").asText() + "}", value);
            }
        }
        return target.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
