package app.hearth.reminder.webhook;

import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.OAuthSchemes;
import app.hearth.reminder.WebhookDelivery;
import app.hearth.reminder.WebhookSubscription;
import app.hearth.reminder.config.ReminderConfig;
import app.hearth.reminder.outbound.OutboundDestinations;
import app.hearth.reminder.outbound.OutboundLookups;
import app.hearth.reminder.service.Caps;
import app.hearth.reminder.service.ReminderLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/** Webhook subscriptions of people and partner apps, and their deliveries' status. */
@ApplicationScoped
public class WebhookService {
    /** The grant a couple gives a partner app to receive its notifications. */
    public static final String PARTNER_APP_SCOPE = OAuthSchemes.REMINDERS_READ;

    @Inject
    ReminderConfig config;

    @Inject
    Clock clock;

    @Inject
    WebhookSecrets secrets;

    @Inject
    OutboundLookups lookups;

    /** When each owner's registrations were last refused for their destination (this replica, the last hour). */
    private final Map<String, Deque<Instant>> refusals = new ConcurrentHashMap<>();

    /** A new subscription and its signing secret, shown to its owner this once. */
    public record Subscribed(WebhookSubscription subscription, String secret) {}

    /** A rotated secret, shown this once; the previous one keeps signing until {@code previousValidUntil}. */
    public record Rotated(WebhookSubscription subscription, String secret, Instant previousValidUntil) {}

    /**
     * Not a transaction of its own: the destination's host is looked up (bounded, {@link OutboundLookups}) before any
     * database connection is taken, then the subscription is stored in the request's transaction, if it has one.
     * Registrations refused for their destination are limited per owner, so nobody maps the network by asking.
     */
    public Subscribed subscribe(WebhookSubscription.OwnerType type, String ownerId, UUID coupleId, String url) {
        String owner = type + "/" + ownerId;
        Instant now = clock.instant();
        Deque<Instant> refused = refusals.computeIfAbsent(owner, o -> new ConcurrentLinkedDeque<>());
        refused.removeIf(at -> at.isBefore(now.minus(Duration.ofHours(1))));
        if (refused.size() >= config.webhooks().maxRefusedPerHour()) {
            throw ApiException.limitReached(
                    "Too many webhook addresses were refused in the last hour; check the URL and "
                            + "try again later.");
        }
        URI uri;
        try {
            uri = checkedUrl("url", url, lookups::checkNow, config.webhooks().allowLoopbackHttp());
        } catch (ApiException invalid) {
            refused.add(now);
            throw invalid;
        }
        return QuarkusTransaction.joiningExisting().call(() -> store(type, ownerId, coupleId, uri));
    }

    private Subscribed store(WebhookSubscription.OwnerType type, String ownerId, UUID coupleId, URI uri) {
        int max = config.webhooks().maxPerOwner();
        ReminderLocks.webhooksOf(type + "/" + ownerId + "/" + coupleId);
        Caps.refuseAtLimit(
                max,
                () -> type == WebhookSubscription.OwnerType.PERSON
                        ? WebhookSubscription.count("ownerType = ?1 and ownerId = ?2", type, ownerId)
                        : WebhookSubscription.count(
                                "ownerType = ?1 and ownerId = ?2 and coupleId = ?3", type, ownerId, coupleId),
                "At most " + max + " webhooks" + (coupleId == null ? "" : " per couple") + "; remove one first.");
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.ownerType = type;
        subscription.ownerId = ownerId;
        subscription.coupleId = coupleId;
        subscription.url = uri.toString();
        String secret = WebhookSignatures.newSecret();
        subscription.secretBox = secrets.seal(subscription.id, secret);
        subscription.createdAt = clock.instant();
        subscription.persist();
        return new Subscribed(subscription, secret);
    }

    /**
     * A new secret for a subscription its owner holds; the current one keeps signing, next to the new one, for the
     * overlap window, so a receiver can switch over without dropping deliveries. A rotation during an overlap ends
     * the older secret's window at once.
     */
    @Transactional
    public Rotated rotateSecret(UUID id, String ownerId, UUID coupleIdOrNull) {
        WebhookSubscription subscription = owned(id, ownerId, coupleIdOrNull);
        ReminderLocks.subscription(subscription.id);
        Instant now = clock.instant();
        String secret = WebhookSignatures.newSecret();
        subscription.previousSecretBox = subscription.secretBox;
        subscription.previousSecretExpiresAt = now.plus(config.webhooks().secretOverlap());
        subscription.secretBox = secrets.seal(subscription.id, secret);
        return new Rotated(subscription, secret, subscription.previousSecretExpiresAt);
    }

    @Transactional
    public List<WebhookSubscription> ofPerson(String partnerId) {
        return WebhookSubscription.list(
                "ownerType = ?1 and ownerId = ?2 order by createdAt", WebhookSubscription.OwnerType.PERSON, partnerId);
    }

    /** A couple's partner-app webhooks: all of them for its members, only its own for a partner app. */
    @Transactional
    public List<WebhookSubscription> ofCouple(UUID coupleId, String clientIdOrNull) {
        return clientIdOrNull == null
                ? WebhookSubscription.list("coupleId = ?1 order by createdAt", coupleId)
                : WebhookSubscription.list(
                        "coupleId = ?1 and ownerId = ?2 order by createdAt", coupleId, clientIdOrNull);
    }

    /** The subscription if {@code ownerId} owns it (a person, or a partner app for this couple); else 404. */
    @Transactional
    public WebhookSubscription owned(UUID id, String ownerId, UUID coupleIdOrNull) {
        WebhookSubscription subscription = WebhookSubscription.findById(id);
        if (subscription == null
                || !subscription.ownerId.equals(ownerId)
                || (coupleIdOrNull != null && !coupleIdOrNull.equals(subscription.coupleId))) {
            throw ApiException.notFound("You have no webhook " + id + ".");
        }
        return subscription;
    }

    @Transactional
    public void delete(UUID id, String ownerId, UUID coupleIdOrNull) {
        owned(id, ownerId, coupleIdOrNull).delete();
    }

    @Transactional
    public PageOf<WebhookDelivery> deliveries(UUID subscriptionId, WebhookDelivery.Status status, PageRequest request) {
        var query = status == null
                ? WebhookDelivery.<WebhookDelivery>find(
                        "subscriptionId = ?1 order by createdAt desc, id", subscriptionId)
                : WebhookDelivery.<WebhookDelivery>find(
                        "subscriptionId = ?1 and status = ?2 order by createdAt desc, id", subscriptionId, status);
        return new PageOf<>(
                query.page(Page.of(request.page(), request.size())).list(),
                request.page(),
                request.size(),
                query.count());
    }

    /**
     * An absolute http(s) URL without credentials or fragment, whose host is public on the internet now
     * ({@link OutboundDestinations}); plain http and loopback only in local mode.
     */
    static URI validUrl(String url, OutboundDestinations.HostResolver resolver, boolean allowLoopback) {
        return checkedUrl("url", url, uri -> OutboundDestinations.check(uri, resolver, allowLoopback), allowLoopback);
    }

    /** How a destination is checked: directly (tests of the rules) or bounded ({@link OutboundLookups#checkNow}). */
    public interface DestinationCheck {
        OutboundDestinations.Destination check(URI uri) throws OutboundDestinations.Refused;
    }

    /**
     * The URL someone gave as an outbound destination ({@code field} names it in refusals), checked: https (or a
     * loopback receiver over http in local mode), a host, and a public address ({@link OutboundDestinations}).
     */
    public static URI checkedUrl(String field, String url, DestinationCheck check, boolean allowLoopback) {
        URI uri;
        try {
            uri = new URI(url).normalize();
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(field + ": '" + url + "' is not a URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw ApiException.badRequest(
                    field + ": give an absolute https URL with a host, no user name or #fragment.");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw ApiException.badRequest(field + ": must be an https URL.");
        }
        try {
            check.check(uri);
        } catch (OutboundDestinations.Refused refused) {
            // The checks name the field "url" (a webhook's): say the one this URL came in.
            String message = refused.getMessage().startsWith("url: ")
                    ? field + ": " + refused.getMessage().substring("url: ".length())
                    : refused.getMessage();
            throw ApiException.badRequest(message
                    + (allowLoopback
                            ? " (This local stack also accepts a receiver on this machine: localhost, 127.0.0.1 or [::1].)"
                            : ""));
        }
        return uri;
    }
}
