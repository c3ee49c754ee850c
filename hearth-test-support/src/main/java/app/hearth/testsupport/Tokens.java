package app.hearth.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Real tokens from the test Keycloak (realm {@code hearth}), cached while they are fresh. */
public final class Tokens {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant freshUntil) {}

    private Tokens() {}

    /** An access token for a demo user (alice, bob, carol, olivia) through the app client {@code hearth-app}. */
    public static String user(String username) {
        return cached(
                "user:" + username,
                () -> request(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "hearth-app",
                        "username",
                        username,
                        "password",
                        username)));
    }

    /** A client-credentials token of the partner app {@code partner-demo} with the given scopes (space separated). */
    public static String partnerApp(String scopes) {
        return cached(
                "partner:" + scopes,
                () -> request(Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "partner-demo",
                        "client_secret",
                        "partner-demo-secret",
                        "scope",
                        scopes)));
    }

    /** A genuine token of the realm minted for another client: it lacks the {@code hearth-api} audience. */
    public static String wrongAudience(String username) {
        return cached(
                "other:" + username,
                () -> request(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "other-app",
                        "username",
                        username,
                        "password",
                        username)));
    }

    /** A user's real claims, re-signed with a key the realm never had: the signature cannot verify. */
    public static String badSignature(String username) {
        String[] parts = user(username).split("\\.");
        try {
            var keys = KeyPairGenerator.getInstance("RSA");
            keys.initialize(2048);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.generateKeyPair().getPrivate());
            signer.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return parts[0] + "." + parts[1] + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's subject ({@code sub}): the id Hearth knows a person by. */
    public static String subject(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                    .get("sub")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Fetch {
        JsonNode get() throws Exception;
    }

    private static String cached(String key, Fetch fetch) {
        Cached hit = CACHE.get(key);
        if (hit != null && Instant.now().isBefore(hit.freshUntil())) {
            return hit.token();
        }
        try {
            JsonNode response = fetch.get();
            String token = response.get("access_token").asText();
            Instant freshUntil = Instant.now()
                    .plusSeconds(Math.max(0, response.get("expires_in").asLong() - 60));
            CACHE.put(key, new Cached(token, freshUntil));
            return token;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "could not get a token (" + key + ") from " + TestInfrastructure.OIDC_ISSUER + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static JsonNode request(Map<String, String> form) throws Exception {
        TestInfrastructure.ensureRunning();
        String body = new LinkedHashMap<>(form)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(TestInfrastructure.OIDC_ISSUER + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
