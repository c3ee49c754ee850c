package app.hearth.reminder.service;

import app.hearth.membership.PartnerAppGrant;
import app.hearth.reminder.WebhookDelivery;
import app.hearth.reminder.WebhookSubscription;
import app.hearth.reminder.config.ReminderConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends queued webhook deliveries, in every replica. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} and
 * leased (its next attempt pushed past the send timeout) before anything is sent, so a replica that dies mid-send
 * only delays those deliveries. Failures retry with exponential backoff; after the last attempt a delivery is DEAD
 * (the dead letter, kept and queryable). Receivers should dedupe on {@code Hearth-Delivery}: delivery is at least once.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    static final int BATCH = 50;
    static final String SIGNATURE_HEADER = "Hearth-Signature";

    @Inject
    ReminderConfig config;

    @Inject
    Clock clock;

    @Inject
    app.hearth.platform.scheduling.PeriodicWork work;

    @Inject
    MeterRegistry metrics;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private record Claimed(UUID id, String url, String secret, String payload, int attempt) {
    }

    private record Outcome(UUID id, int attempt, Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Scheduled(every = "${hearth.reminders.webhooks.send-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        work.run(() -> sendDue());
    }

    /** Sends everything due now; returns how many attempts were made. */
    public int sendDue() {
        int attempts = 0;
        while (true) {
            List<Claimed> batch = QuarkusTransaction.requiringNew().call(this::claim);
            if (batch.isEmpty()) {
                return attempts;
            }
            List<CompletableFuture<Outcome>> sending = batch.stream().map(this::send).toList();
            List<Outcome> outcomes = sending.stream().map(CompletableFuture::join).toList();
            QuarkusTransaction.requiringNew().run(() -> outcomes.forEach(this::record));
            attempts += batch.size();
            if (batch.size() < BATCH) {
                return attempts;
            }
        }
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<WebhookDelivery> due = Panache.getEntityManager().createNativeQuery("""
                        select * from webhook_delivery where status = 'PENDING' and next_attempt_at <= ?1
                        order by next_attempt_at limit ?2 for update skip locked""", WebhookDelivery.class)
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        Map<UUID, WebhookSubscription> subscriptions = WebhookSubscription.<WebhookSubscription>list("id in ?1",
                        due.stream().map(d -> d.subscriptionId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(s -> s.id, Function.identity()));
        Instant lease = now.plus(config.webhooks().timeout().multipliedBy(2)).plusSeconds(30);
        List<Claimed> claimed = new java.util.ArrayList<>();
        for (WebhookDelivery delivery : due) {
            WebhookSubscription subscription = subscriptions.get(delivery.subscriptionId);
            if (!stillGranted(subscription, now)) {
                // Consent withdrawn after the notification was queued: nothing more goes to that app.
                delivery.status = WebhookDelivery.Status.DEAD;
                delivery.nextAttemptAt = null;
                delivery.lastError = "the couple no longer grants this app " + WebhookService.PARTNER_APP_SCOPE;
                continue;
            }
            delivery.attempts++;
            delivery.nextAttemptAt = lease;
            claimed.add(new Claimed(delivery.id, subscription.url, subscription.secret, delivery.payload, delivery.attempts));
        }
        return claimed;
    }

    private static boolean stillGranted(WebhookSubscription subscription, Instant now) {
        return subscription.ownerType == WebhookSubscription.OwnerType.PERSON
                || PartnerAppGrant.<PartnerAppGrant>list("coupleId = ?1 and clientId = ?2", subscription.coupleId, subscription.ownerId)
                .stream().anyMatch(g -> g.allows(WebhookService.PARTNER_APP_SCOPE, now));
    }

    private CompletableFuture<Outcome> send(Claimed delivery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(config.webhooks().timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Hearth-Webhooks/1")
                .header("Hearth-Delivery", delivery.id().toString())
                .header("Hearth-Attempt", Integer.toString(delivery.attempt()))
                .header(SIGNATURE_HEADER, "sha256=" + sign(delivery.secret(), delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> new Outcome(delivery.id(), delivery.attempt(), response.statusCode(), null))
                .exceptionally(failure -> new Outcome(delivery.id(), delivery.attempt(), null,
                        failure.getCause() == null ? failure.toString() : failure.getCause().toString()));
    }

    private void record(Outcome outcome) {
        WebhookDelivery delivery = WebhookDelivery.findById(outcome.id());
        if (delivery == null) {
            return; // its subscription was deleted meanwhile
        }
        Instant now = clock.instant();
        delivery.lastStatus = outcome.status();
        delivery.lastError = outcome.delivered() ? null : truncate(outcome.error() != null ? outcome.error()
                : "the receiver answered HTTP " + outcome.status());
        if (outcome.delivered()) {
            delivery.status = WebhookDelivery.Status.DELIVERED;
            delivery.deliveredAt = now;
            delivery.nextAttemptAt = null;
        } else if (outcome.attempt() >= config.webhooks().maxAttempts()) {
            delivery.status = WebhookDelivery.Status.DEAD;
            delivery.nextAttemptAt = null;
            LOG.infof("Webhook delivery %s dead after %d attempts: %s", delivery.id, outcome.attempt(), delivery.lastError);
        } else {
            delivery.nextAttemptAt = now.plus(backoff(outcome.attempt(), config.webhooks().initialBackoff(),
                    config.webhooks().maxBackoff()));
        }
        metrics.counter("hearth_webhook_attempts", "outcome", delivery.status == WebhookDelivery.Status.PENDING ? "retry"
                : delivery.status.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    /** The wait after the {@code attempt}-th failure: initial, doubled each time, never more than {@code max}. */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        Duration wait = initial.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30));
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }

    /** Hex HMAC-SHA256 of the body with the subscription's secret: what {@code Hearth-Signature} carries after "sha256=". */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
