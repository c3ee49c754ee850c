package app.hearth.reminder.push;

import app.hearth.platform.runtime.PeriodicWork;
import app.hearth.reminder.PushDelivery;
import app.hearth.reminder.PushDevice;
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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends queued pushes, in every replica, the way {@link WebhookSender} sends webhooks: a batch is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and leased before anything is sent (no transaction is open while sending), each
 * attempt re-checks the endpoint's address and connects to the address it checked, under one deadline. A push service
 * that answers 429 or 5xx is asked again after its {@code Retry-After} (else with exponential backoff); 404 or 410
 * means the subscription is gone: the device is removed. Other refusals (a 400, a 413) would refuse every retry too:
 * dead at once. Each attempt's outcome is kept as a category and counted per platform and outcome.
 *
 * <p>Once per notification and device: the delivery row is unique per both and is marked delivered in the same pass
 * that sent it. A replica killed between the push service's answer and that mark leaves the row leased; after the
 * lease another replica sends it again: at least once, the duplicate carrying the same {@code Topic}, which makes the
 * push service replace the first if the device has not received it yet (RFC 8030 §5.4).
 */
@ApplicationScoped
public class PushSender {
    private static final Logger LOG = Logger.getLogger(PushSender.class);
    static final int BATCH = 50;
    static final String DELIVERED = "delivered";
    static final String DEVICE_GONE = "device-gone";

    @Inject
    ReminderConfig config;

    @Inject
    Clock clock;

    @Inject
    PeriodicWork work;

    @Inject
    MeterRegistry metrics;

    @Inject
    OutboundLookups lookups;

    @Inject
    WebPushMessages messages;

    @Inject
    FcmMessages fcm;

    @Inject
    ApnsMessages apns;

    @Inject
    Vertx vertx;

    private HttpClient http;

    private record Claimed(
            UUID id,
            UUID deviceId,
            PushDevice.Platform platform,
            String endpoint,
            String p256dh,
            String auth,
            PushDevice.Environment environment,
            String payload,
            String topic,
            int attempt) {}

    /** What an attempt came to, the status if any, and the wait a push service asked for. */
    record Outcome(Claimed push, Integer status, String category, Duration retryAfter) {}

    @PostConstruct
    void createClient() {
        http = OutboundAttempts.client(vertx, config.push().timeout(), BATCH);
    }

    @PreDestroy
    void closeClient() {
        http.close();
    }

    @Scheduled(
            every = "${hearth.reminders.push.send-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        work.run("push-sender", Duration.ofMinutes(2), () -> sendDue());
    }

    /** Sends everything due now; returns how many attempts were made. */
    public int sendDue() {
        return OutboundAttempts.sendInBatches(this::claim, this::send, this::record, BATCH);
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<PushDelivery> due = Panache.getEntityManager()
                .createNativeQuery("""
                        select * from push_delivery where status = 'PENDING' and next_attempt_at <= ?1
                        order by next_attempt_at limit ?2 for update skip locked""", PushDelivery.class)
                .setParameter(1, now)
                .setParameter(2, BATCH)
                .getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        Map<UUID, PushDevice> devices =
                PushDevice.<PushDevice>list(
                                "id in ?1", due.stream().map(d -> d.deviceId).collect(Collectors.toSet()))
                        .stream()
                        .collect(Collectors.toMap(d -> d.id, Function.identity()));
        Instant lease = now.plus(config.push().timeout().multipliedBy(2)).plusSeconds(30);
        List<Claimed> claimed = new ArrayList<>();
        for (PushDelivery delivery : due) {
            PushDevice device = devices.get(delivery.deviceId);
            delivery.attempts++;
            delivery.nextAttemptAt = lease;
            claimed.add(new Claimed(
                    delivery.id,
                    device.id,
                    device.platform,
                    device.address,
                    device.p256dh,
                    device.auth,
                    device.environment,
                    delivery.payload,
                    delivery.topic,
                    delivery.attempts));
        }
        return claimed;
    }

    private CompletableFuture<Outcome> send(Claimed push) {
        return switch (push.platform()) {
            case WEB_PUSH -> sendWebPush(push);
            case FCM ->
                fcm.send(push.endpoint(), push.payload(), push.topic())
                        .thenApply(
                                answer -> new Outcome(push, answer.status(), answer.category(), answer.retryAfter()));
            case APNS ->
                apns.send(
                                push.endpoint(),
                                push.environment() == PushDevice.Environment.SANDBOX,
                                push.payload(),
                                push.topic())
                        .thenApply(
                                answer -> new Outcome(push, answer.status(), answer.category(), answer.retryAfter()));
        };
    }

    /** Web Push: the endpoint is a URL someone gave, checked again now, connected to at the address checked. */
    private CompletableFuture<Outcome> sendWebPush(Claimed push) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sending = new AtomicReference<>();
        long deadline = vertx.setTimer(config.push().timeout().toMillis(), id -> {
            if (outcome.complete(new Outcome(push, null, "timeout", null))) {
                HttpClientRequest inFlight = sending.get();
                if (inFlight != null) {
                    inFlight.reset(0, new TimeoutException("the push deadline passed"));
                }
            }
        });
        lookups.check(URI.create(push.endpoint())).whenComplete((destination, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof OutboundDestinations.Refused) {
                outcome.complete(new Outcome(push, null, "destination-refused", null));
            } else if (cause != null) {
                outcome.complete(new Outcome(push, null, OutboundAttempts.category(cause), null));
            } else if (!outcome.isDone()) {
                post(push, destination, outcome, sending);
            }
        });
        return outcome.whenComplete((done, error) -> vertx.cancelTimer(deadline));
    }

    private void post(
            Claimed push,
            OutboundDestinations.Destination destination,
            CompletableFuture<Outcome> outcome,
            AtomicReference<HttpClientRequest> sending) {
        WebPushMessages.Message message;
        try {
            message = messages.message(push.endpoint(), push.p256dh(), push.auth(), push.payload(), push.topic());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Push %s could not be encrypted: %s",
                    push.id(), e.getClass().getSimpleName());
            outcome.complete(new Outcome(push, null, "encryption-failed", null));
            return;
        }
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(
                        destination.port(), destination.address().getHostAddress()))
                .setHost(destination.host())
                .setPort(destination.port())
                .setSsl(destination.https())
                .setURI(destination.pathAndQuery())
                .setFollowRedirects(false)
                .putHeader("User-Agent", "Hearth-Push/1");
        message.headers().forEach(request::putHeader);
        http.request(request)
                .onFailure(
                        failure -> outcome.complete(new Outcome(push, null, OutboundAttempts.category(failure), null)))
                .onSuccess(req -> {
                    sending.set(req);
                    if (outcome.isDone()) {
                        req.reset();
                        return;
                    }
                    req.send(Buffer.buffer(message.body()))
                            .onFailure(failure ->
                                    outcome.complete(new Outcome(push, null, OutboundAttempts.category(failure), null)))
                            .onSuccess(response -> {
                                int status = response.statusCode();
                                Duration retryAfter = retryAfter(response.getHeader("Retry-After"), clock);
                                // The answer's body is not needed: discard it, whatever its size.
                                response.handler(chunk -> {});
                                response.exceptionHandler(failure -> outcome.complete(
                                        new Outcome(push, status, OutboundAttempts.category(failure), null)));
                                response.endHandler(end ->
                                        outcome.complete(new Outcome(push, status, category(status), retryAfter)));
                            });
                });
    }

    /** {@code delivered} (2xx), {@code device-gone} (404, 410), else the status class. */
    static String category(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status == 404 || status == 410) {
            return DEVICE_GONE;
        }
        return status == 429 ? "rate-limited" : "http-" + status / 100 + "xx";
    }

    /** Whether a later attempt may succeed: not after a refusal of the message itself (a 4xx other than 429). */
    static boolean retryable(Outcome outcome) {
        return outcome.status() == null || outcome.status() == 429 || outcome.status() >= 500;
    }

    /** A {@code Retry-After} in seconds or as an HTTP date; null if absent or unreadable. */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(
                        clock.instant(),
                        ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private void record(Outcome outcome) {
        Claimed push = outcome.push();
        PushDelivery delivery = PushDelivery.findById(push.id());
        if (delivery == null) {
            return; // its device was removed meanwhile
        }
        Instant now = clock.instant();
        delivery.lastStatus = outcome.status();
        delivery.lastOutcome = outcome.category();
        String counted;
        if (DELIVERED.equals(outcome.category())) {
            delivery.status = PushDelivery.Status.DELIVERED;
            delivery.deliveredAt = now;
            delivery.nextAttemptAt = null;
            counted = DELIVERED;
        } else if (DEVICE_GONE.equals(outcome.category())) {
            // The push service says the subscription no longer exists: so does the device (its deliveries with it).
            delivery.delete();
            PushDevice.deleteById(push.deviceId());
            counted = DEVICE_GONE;
        } else if (!retryable(outcome) || push.attempt() >= config.push().maxAttempts()) {
            delivery.status = PushDelivery.Status.DEAD;
            delivery.nextAttemptAt = null;
            counted = "dead";
            LOG.infof("Push %s given up after %d attempts: %s", push.id(), push.attempt(), outcome.category());
        } else {
            Duration backoff = OutboundAttempts.backoff(
                    push.attempt(),
                    config.push().initialBackoff(),
                    config.push().maxBackoff());
            Duration wait = outcome.retryAfter() != null && outcome.retryAfter().compareTo(backoff) > 0
                    ? outcome.retryAfter()
                    : backoff;
            delivery.nextAttemptAt = now.plus(wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait);
            counted = "retry";
        }
        metrics.counter(
                        "hearth_push_attempts",
                        "platform",
                        push.platform().name().toLowerCase(Locale.ROOT),
                        "outcome",
                        counted)
                .increment();
    }
}
