package app.hearth.reminder.webhook;

import app.hearth.membership.PartnerAppGrant;
import app.hearth.platform.runtime.PeriodicWork;
import app.hearth.reminder.WebhookDelivery;
import app.hearth.reminder.WebhookSubscription;
import app.hearth.reminder.config.ReminderConfig;
import app.hearth.reminder.outbound.OutboundAttempts;
import app.hearth.reminder.outbound.OutboundDestinations;
import app.hearth.reminder.outbound.OutboundLookups;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends queued webhook deliveries, in every replica. A batch is claimed with {@code FOR UPDATE SKIP LOCKED} and
 * leased (its next attempt pushed past the send deadline) before anything is sent, so a replica that dies mid-send
 * only delays those deliveries. Failures retry with exponential backoff; after the last attempt a delivery is DEAD
 * (the dead letter, kept and queryable). Delivery is at least once: receivers dedupe on {@code webhook-id}.
 *
 * <p>Each attempt re-checks the destination ({@link OutboundDestinations}) and connects to the very address it
 * checked, follows no redirect, and has one hard deadline for connecting, sending and reading the whole answer, so a
 * receiver that trickles its answer cannot hold a sender. What an attempt came to is kept as a category (see
 * {@link OutboundAttempts#category(Throwable)}), never as the network's or the receiver's own words.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    static final int BATCH = 50;

    @Inject
    ReminderConfig config;

    @Inject
    Clock clock;

    @Inject
    PeriodicWork work;

    @Inject
    MeterRegistry metrics;

    @Inject
    WebhookSecrets secrets;

    @Inject
    OutboundLookups lookups;

    @Inject
    Vertx vertx;

    /** A receiver's answer body is read (and dropped) up to this size; a longer one is cut off. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private HttpClient http;

    private record Claimed(UUID id, String url, List<String> secrets, String payload, int attempt) {}

    /** What an attempt came to: {@code delivered}, {@code http-4xx}, {@code timeout}, ... and the status, if any. */
    record Outcome(UUID id, int attempt, Integer status, String category) {
        boolean delivered() {
            return DELIVERED.equals(category);
        }
    }

    static final String DELIVERED = "delivered";

    @PostConstruct
    void createClient() {
        http = OutboundAttempts.client(vertx, config.webhooks().timeout(), BATCH);
    }

    @PreDestroy
    void closeClient() {
        http.close();
    }

    @Scheduled(
            every = "${hearth.reminders.webhooks.send-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        work.run("webhook-sender", Duration.ofMinutes(2), () -> sendDue());
    }

    /** Sends everything due now; returns how many attempts were made. */
    public int sendDue() {
        return OutboundAttempts.sendInBatches(this::claim, this::send, this::record, BATCH);
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<WebhookDelivery> due = Panache.getEntityManager()
                .createNativeQuery("""
                        select * from webhook_delivery where status = 'PENDING' and next_attempt_at <= ?1
                        order by next_attempt_at limit ?2 for update skip locked""", WebhookDelivery.class)
                .setParameter(1, now)
                .setParameter(2, BATCH)
                .getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        Map<UUID, WebhookSubscription> subscriptions = WebhookSubscription.<WebhookSubscription>list(
                        "id in ?1", due.stream().map(d -> d.subscriptionId).collect(Collectors.toSet()))
                .stream()
                .collect(Collectors.toMap(s -> s.id, Function.identity()));
        Instant lease = now.plus(config.webhooks().timeout().multipliedBy(2)).plusSeconds(30);
        List<Claimed> claimed = new ArrayList<>();
        for (WebhookDelivery delivery : due) {
            WebhookSubscription subscription = subscriptions.get(delivery.subscriptionId);
            if (!stillGranted(subscription, now)) {
                // Consent withdrawn after the notification was queued: nothing more goes to that app.
                delivery.status = WebhookDelivery.Status.DEAD;
                delivery.nextAttemptAt = null;
                delivery.lastOutcome = "consent-withdrawn";
                continue;
            }
            delivery.attempts++;
            delivery.nextAttemptAt = lease;
            claimed.add(new Claimed(
                    delivery.id,
                    subscription.url,
                    secrets.signingSecrets(subscription, now),
                    delivery.payload,
                    delivery.attempts));
        }
        return claimed;
    }

    private static boolean stillGranted(WebhookSubscription subscription, Instant now) {
        return subscription.ownerType == WebhookSubscription.OwnerType.PERSON
                || PartnerAppGrant.<PartnerAppGrant>list(
                                "coupleId = ?1 and clientId = ?2", subscription.coupleId, subscription.ownerId)
                        .stream()
                        .anyMatch(g -> g.allows(WebhookService.PARTNER_APP_SCOPE, now));
    }

    /**
     * One attempt, under one deadline that covers the host look-up too. The look-up runs on its own pool
     * ({@link OutboundLookups}), so the batch's other deliveries are sent meanwhile instead of waiting behind it.
     */
    private CompletableFuture<Outcome> send(Claimed delivery) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sending = new AtomicReference<>();
        long deadline = vertx.setTimer(config.webhooks().timeout().toMillis(), id -> {
            if (outcome.complete(new Outcome(delivery.id(), delivery.attempt(), null, "timeout"))) {
                HttpClientRequest inFlight = sending.get();
                if (inFlight != null) {
                    inFlight.reset(0, new TimeoutException("the delivery deadline passed"));
                }
            }
        });
        lookups.check(URI.create(delivery.url())).whenComplete((destination, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof OutboundDestinations.Refused) {
                outcome.complete(new Outcome(delivery.id(), delivery.attempt(), null, "destination-refused"));
            } else if (cause != null) {
                outcome.complete(
                        new Outcome(delivery.id(), delivery.attempt(), null, OutboundAttempts.category(cause)));
            } else if (!outcome.isDone()) {
                post(delivery, destination, outcome, sending);
            }
        });
        return outcome.whenComplete((done, error) -> vertx.cancelTimer(deadline));
    }

    private void post(
            Claimed delivery,
            OutboundDestinations.Destination destination,
            CompletableFuture<Outcome> outcome,
            AtomicReference<HttpClientRequest> sending) {
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(
                        destination.port(), destination.address().getHostAddress()))
                .setHost(destination.host())
                .setPort(destination.port())
                .setSsl(destination.https())
                .setURI(destination.pathAndQuery())
                .setFollowRedirects(false)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Hearth-Webhooks/1")
                .putHeader("webhook-id", delivery.id().toString())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader(
                        "webhook-signature",
                        WebhookSignatures.header(
                                delivery.secrets(), delivery.id().toString(), timestamp, delivery.payload()))
                .putHeader("Hearth-Attempt", Integer.toString(delivery.attempt()));
        Consumer<Throwable> failed = failure -> outcome.complete(
                new Outcome(delivery.id(), delivery.attempt(), null, OutboundAttempts.category(failure)));
        http.request(request).onFailure(failed::accept).onSuccess(req -> {
            sending.set(req);
            if (outcome.isDone()) {
                req.reset();
                return;
            }
            req.send(Buffer.buffer(delivery.payload()))
                    .onFailure(failed::accept)
                    .onSuccess(response -> {
                        int status = response.statusCode();
                        long[] read = {0};
                        response.exceptionHandler(failed::accept);
                        response.handler(chunk -> {
                            read[0] += chunk.length();
                            if (read[0] > MAX_ANSWER_BYTES
                                    && outcome.complete(new Outcome(
                                            delivery.id(), delivery.attempt(), status, "answer-too-large"))) {
                                req.reset();
                            }
                        });
                        response.endHandler(end -> outcome.complete(
                                new Outcome(delivery.id(), delivery.attempt(), status, category(status))));
                    });
        });
    }

    /** {@code delivered} for 2xx, else the status class: {@code http-3xx} (redirects are not followed), 4xx, 5xx. */
    static String category(int status) {
        return status >= 200 && status < 300
                ? DELIVERED
                : status >= 300 && status < 600 ? "http-" + status / 100 + "xx" : "network-error";
    }

    private void record(Outcome outcome) {
        WebhookDelivery delivery = WebhookDelivery.findById(outcome.id());
        if (delivery == null) {
            return; // its subscription was deleted meanwhile
        }
        Instant now = clock.instant();
        delivery.lastStatus = outcome.status();
        delivery.lastOutcome = outcome.category();
        if (outcome.delivered()) {
            delivery.status = WebhookDelivery.Status.DELIVERED;
            delivery.deliveredAt = now;
            delivery.nextAttemptAt = null;
        } else if (outcome.attempt() >= config.webhooks().maxAttempts()) {
            delivery.status = WebhookDelivery.Status.DEAD;
            delivery.nextAttemptAt = null;
            LOG.infof(
                    "Webhook delivery %s dead after %d attempts: %s",
                    delivery.id, outcome.attempt(), delivery.lastOutcome);
        } else {
            delivery.nextAttemptAt = now.plus(OutboundAttempts.backoff(
                    outcome.attempt(),
                    config.webhooks().initialBackoff(),
                    config.webhooks().maxBackoff()));
        }
        metrics.counter(
                        "hearth_webhook_attempts",
                        "outcome",
                        delivery.status == WebhookDelivery.Status.PENDING
                                ? "retry"
                                : delivery.status.name().toLowerCase(Locale.ROOT))
                .increment();
    }
}
