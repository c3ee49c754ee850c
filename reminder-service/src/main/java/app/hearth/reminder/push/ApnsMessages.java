package app.hearth.reminder.push;

import app.hearth.events.EventJson;
import app.hearth.reminder.config.ReminderConfig;
import app.hearth.reminder.outbound.OutboundAttempts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Apple Push Notification service over HTTP/2 with token-based authentication: a provider token (ES256 JWT of the
 * team, signed with the .p8 key, refreshed every 50 minutes: APNs refuses one older than an hour or renewed more
 * often than every 20 minutes). A device token APNs no longer knows answers 410 {@code Unregistered} (the device is
 * removed); 429 and 5xx are retried.
 */
@ApplicationScoped
public class ApnsMessages {

    @Inject
    ReminderConfig config;

    @Inject
    Clock clock;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private record ProviderToken(String value, Instant madeAt) {}

    private volatile PrivateKey key;
    private volatile ProviderToken token;

    /** Whether this deployment can push to APNs devices. */
    public boolean configured() {
        var apns = config.push().apns();
        return apns.keyFile().isPresent()
                && apns.keyId().isPresent()
                && apns.teamId().isPresent()
                && apns.bundleId().isPresent();
    }

    CompletableFuture<PlatformAnswer> send(String deviceToken, boolean sandbox, String payload, String topic) {
        return CompletableFuture.supplyAsync(() -> {
                    var apns = config.push().apns();
                    String endpoint = sandbox ? apns.sandboxEndpoint() : apns.productionEndpoint();
                    return HttpRequest.newBuilder(URI.create(endpoint + "/3/device/" + deviceToken))
                            .timeout(config.push().timeout())
                            .header("authorization", "bearer " + providerToken())
                            .header("apns-topic", apns.bundleId().orElseThrow())
                            .header("apns-push-type", "alert")
                            .header("apns-priority", "10")
                            .header(
                                    "apns-expiration",
                                    Long.toString(clock.instant()
                                            .plus(config.push().timeToLive())
                                            .getEpochSecond()))
                            .header("apns-collapse-id", topic)
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(message(payload)))
                            .build();
                })
                .thenCompose(request -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .thenApply(this::answer)
                .exceptionally(failure -> new PlatformAnswer(null, OutboundAttempts.category(failure), null));
    }

    private PlatformAnswer answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 403 && response.body().contains("ExpiredProviderToken")) {
            token = null; // made again for the retry
        }
        if (status == 410 || status == 400 && response.body().contains("BadDeviceToken")) {
            return new PlatformAnswer(status, PushSender.DEVICE_GONE, null);
        }
        return new PlatformAnswer(
                status,
                PushSender.category(status == 404 ? 400 : status),
                PushSender.retryAfter(
                        response.headers().firstValue("retry-after").orElse(null), clock));
    }

    /** The alert (title only) and the data the app opens the notification by. */
    static String message(String payload) {
        JsonNode shown = FcmMessages.tree(payload);
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.putObject("aps")
                .put("sound", "default")
                .putObject("alert")
                .put("title", shown.path("title").asText());
        shown.properties().forEach(field -> {
            if (!field.getKey().equals("title")) {
                body.set(field.getKey(), field.getValue());
            }
        });
        return body.toString();
    }

    private String providerToken() {
        ProviderToken current = token;
        Instant now = clock.instant();
        if (current != null && current.madeAt().plusSeconds(50 * 60).isAfter(now)) {
            return current.value();
        }
        var apns = config.push().apns();
        try {
            String value = Jwts.signed(
                    EventJson.mapper()
                            .createObjectNode()
                            .put("alg", "ES256")
                            .put("kid", apns.keyId().orElseThrow())
                            .toString(),
                    EventJson.mapper()
                            .createObjectNode()
                            .put("iss", apns.teamId().orElseThrow())
                            .put("iat", now.getEpochSecond())
                            .toString(),
                    "SHA256withECDSAinP1363Format",
                    key());
            token = new ProviderToken(value, now);
            return value;
        } catch (Exception e) {
            throw new IllegalStateException("the APNs provider token could not be made", e);
        }
    }

    private PrivateKey key() throws Exception {
        PrivateKey current = key;
        if (current == null) {
            current = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Jwts.pem(Files.readString(
                            Path.of(config.push().apns().keyFile().orElseThrow())))));
            key = current;
        }
        return current;
    }
}
