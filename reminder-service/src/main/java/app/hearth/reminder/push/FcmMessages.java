package app.hearth.reminder.push;

import app.hearth.events.EventJson;
import app.hearth.reminder.config.ReminderConfig;
import app.hearth.reminder.outbound.OutboundAttempts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Firebase Cloud Messaging, HTTP v1 API: each message is sent with an OAuth 2 access token the service account gets
 * by signing a JWT (RS256, RFC 7523 bearer grant) at its {@code token_uri}, kept until shortly before it expires. FCM
 * answers 404 {@code UNREGISTERED} for a token that no longer exists (the device is removed), 429 and 5xx with a
 * {@code Retry-After} to honour.
 */
@ApplicationScoped
public class FcmMessages {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    @Inject
    ReminderConfig config;

    @Inject
    Clock clock;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private record ServiceAccount(String email, PrivateKey key, String tokenUri, String projectId) {}

    private record AccessToken(String value, Instant expiresAt) {}

    private volatile ServiceAccount account;
    private volatile AccessToken token;

    /** Whether this deployment can push to FCM devices. */
    public boolean configured() {
        return config.push().fcm().serviceAccountFile().isPresent();
    }

    CompletableFuture<PlatformAnswer> send(String registrationToken, String payload, String topic) {
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        ServiceAccount sa = account();
                        HttpRequest request = HttpRequest.newBuilder(
                                        URI.create(config.push().fcm().endpoint() + "/v1/projects/" + sa.projectId()
                                                + "/messages:send"))
                                .timeout(config.push().timeout())
                                .header("Authorization", "Bearer " + accessToken(sa))
                                .header("Content-Type", "application/json; charset=UTF-8")
                                .POST(HttpRequest.BodyPublishers.ofString(message(
                                        registrationToken,
                                        payload,
                                        topic,
                                        config.push().timeToLive())))
                                .build();
                        return request;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .thenCompose(request -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .thenApply(this::answer)
                .exceptionally(failure -> new PlatformAnswer(null, OutboundAttempts.category(failure), null));
    }

    private PlatformAnswer answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401) {
            token = null; // fetched again for the retry
        }
        if (status == 404 && response.body().contains("UNREGISTERED")) {
            return new PlatformAnswer(status, PushSender.DEVICE_GONE, null);
        }
        return new PlatformAnswer(
                status,
                PushSender.category(status == 404 ? 400 : status),
                PushSender.retryAfter(
                        response.headers().firstValue("Retry-After").orElse(null), clock));
    }

    /** The v1 message: a notification (title only) and the data the app opens it by; collapsed by topic. */
    static String message(String registrationToken, String payload, String topic, Duration timeToLive) {
        JsonNode shown = tree(payload);
        ObjectNode body = EventJson.mapper().createObjectNode();
        ObjectNode message = body.putObject("message");
        message.put("token", registrationToken);
        message.putObject("notification").put("title", shown.path("title").asText());
        ObjectNode data = message.putObject("data");
        shown.properties()
                .forEach(field -> data.put(field.getKey(), field.getValue().asText()));
        message.putObject("android").put("collapse_key", topic).put("ttl", timeToLive.toSeconds() + "s");
        return body.toString();
    }

    static JsonNode tree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    private String accessToken(ServiceAccount sa) throws Exception {
        AccessToken current = token;
        if (current != null && current.expiresAt().isAfter(clock.instant().plusSeconds(60))) {
            return current.value();
        }
        long now = clock.instant().getEpochSecond();
        String assertion = Jwts.signed(
                "{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                EventJson.mapper()
                        .createObjectNode()
                        .put("iss", sa.email())
                        .put("scope", SCOPE)
                        .put("aud", sa.tokenUri())
                        .put("iat", now)
                        .put("exp", now + 3600)
                        .toString(),
                "SHA256withRSA",
                sa.key());
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(sa.tokenUri()))
                        .timeout(config.push().timeout())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type="
                                + URLEncoder.encode(
                                        "urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                                + "&assertion=" + assertion))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the FCM token endpoint answered " + response.statusCode());
        }
        JsonNode answer = tree(response.body());
        AccessToken fresh = new AccessToken(
                answer.path("access_token").asText(),
                clock.instant().plusSeconds(answer.path("expires_in").asLong(3600)));
        token = fresh;
        return fresh.value();
    }

    private ServiceAccount account() throws Exception {
        ServiceAccount current = account;
        if (current == null) {
            JsonNode json = tree(Files.readString(Path.of(config.push()
                    .fcm()
                    .serviceAccountFile()
                    .orElseThrow(() -> new IllegalStateException("no FCM service account")))));
            current = new ServiceAccount(
                    json.path("client_email").asText(),
                    KeyFactory.getInstance("RSA")
                            .generatePrivate(new PKCS8EncodedKeySpec(
                                    Jwts.pem(json.path("private_key").asText()))),
                    json.path("token_uri").asText(),
                    json.path("project_id").asText());
            account = current;
        }
        return current;
    }
}
