package app.hearth.reminder.service;

import app.hearth.platform.problem.ApiException;
import app.hearth.reminder.WebhookDelivery;
import app.hearth.reminder.WebhookSubscription;
import app.hearth.reminder.config.ReminderConfig;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Webhook subscriptions of people and partner apps, and their deliveries' status. */
@ApplicationScoped
public class WebhookService {
    /** The grant a couple gives a partner app to receive its notifications. */
    public static final String PARTNER_APP_SCOPE = "reminders.read";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ReminderConfig config;

    @Inject
    Clock clock;

    @Transactional
    public WebhookSubscription subscribe(WebhookSubscription.OwnerType type, String ownerId, UUID coupleId, String url) {
        URI uri = validUrl(url, config.webhooks().allowLoopbackHttp());
        long existing = type == WebhookSubscription.OwnerType.PERSON
                ? WebhookSubscription.count("ownerType = ?1 and ownerId = ?2", type, ownerId)
                : WebhookSubscription.count("ownerType = ?1 and ownerId = ?2 and coupleId = ?3", type, ownerId, coupleId);
        if (existing >= config.webhooks().maxPerOwner()) {
            throw ApiException.conflict("too-many-webhooks", "At most " + config.webhooks().maxPerOwner()
                    + " webhooks; remove one first.");
        }
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.ownerType = type;
        subscription.ownerId = ownerId;
        subscription.coupleId = coupleId;
        subscription.url = uri.toString();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        subscription.secret = HexFormat.of().formatHex(secret);
        subscription.createdAt = clock.instant();
        subscription.persist();
        return subscription;
    }

    @Transactional
    public List<WebhookSubscription> ofPerson(String partnerId) {
        return WebhookSubscription.list("ownerType = ?1 and ownerId = ?2 order by createdAt",
                WebhookSubscription.OwnerType.PERSON, partnerId);
    }

    /** A couple's partner-app webhooks: all of them for its members, only its own for a partner app. */
    @Transactional
    public List<WebhookSubscription> ofCouple(UUID coupleId, String clientIdOrNull) {
        return clientIdOrNull == null
                ? WebhookSubscription.list("coupleId = ?1 order by createdAt", coupleId)
                : WebhookSubscription.list("coupleId = ?1 and ownerId = ?2 order by createdAt", coupleId, clientIdOrNull);
    }

    /** The subscription if {@code ownerId} owns it (a person, or a partner app for this couple); else 404. */
    @Transactional
    public WebhookSubscription owned(UUID id, String ownerId, UUID coupleIdOrNull) {
        WebhookSubscription subscription = WebhookSubscription.findById(id);
        if (subscription == null || !subscription.ownerId.equals(ownerId)
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
    public List<WebhookDelivery> deliveries(UUID subscriptionId, WebhookDelivery.Status status, int page, int size) {
        return (status == null
                ? WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 order by createdAt desc, id", subscriptionId)
                : WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 and status = ?2 order by createdAt desc, id",
                subscriptionId, status)).page(Page.of(page, size)).list();
    }

    /**
     * HTTPS only, to a host name or public address; plain http only to loopback and only when local mode allows it.
     * No credentials in the URL (the signature authenticates Hearth; the receiver needs no password from us).
     */
    static URI validUrl(String url, boolean allowLoopbackHttp) {
        URI uri;
        try {
            uri = new URI(url).normalize();
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("url: '" + url + "' is not a URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw ApiException.badRequest("url: give an absolute https URL with a host, no user name or #fragment.");
        }
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http") && allowLoopbackHttp && isLoopback(uri.getHost())) {
            return uri;
        }
        throw ApiException.badRequest("url: webhooks must use https" + (allowLoopbackHttp
                ? " (plain http is accepted only for a receiver on this machine: localhost, 127.0.0.1 or [::1])." : "."));
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost is not resolved here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
