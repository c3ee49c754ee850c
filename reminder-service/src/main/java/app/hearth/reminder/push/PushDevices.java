package app.hearth.reminder.push;

import app.hearth.membership.CoupleViewMember;
import app.hearth.platform.http.ApiException;
import app.hearth.reminder.PushDevice;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.config.ReminderConfig;
import app.hearth.reminder.outbound.OutboundLookups;
import app.hearth.reminder.service.Caps;
import app.hearth.reminder.service.ReminderLocks;
import app.hearth.reminder.webhook.WebhookService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.net.URI;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.KeyAgreement;

/**
 * A person's devices: registered (a Web Push subscription, as the browser's {@code PushSubscription} gives it),
 * listed, renamed and removed by that person only. Registering the same endpoint again refreshes it (new keys, same
 * id). The endpoint is an outbound destination like a webhook: https, public address, checked before anything is
 * stored and again before every push.
 */
@ApplicationScoped
public class PushDevices {

    @Inject
    ReminderConfig config;

    @Inject
    OutboundLookups lookups;

    @Inject
    Clock clock;

    @Inject
    FcmMessages fcm;

    @Inject
    ApnsMessages apns;

    /** A device just registered, and whether it was already known (refreshed rather than added). */
    public record Registered(PushDevice device, boolean refreshed) {}

    /** Checks the endpoint (outside any transaction: it may look a host up), then stores or refreshes the device. */
    public Registered registerWebPush(String personId, String name, String endpoint, String p256dh, String auth) {
        URI uri = WebhookService.checkedUrl(
                "subscription.endpoint",
                endpoint,
                lookups::checkNow,
                config.webhooks().allowLoopbackHttp());
        requirePublicKey(p256dh);
        requireAuthSecret(auth);
        return QuarkusTransaction.joiningExisting().call(() -> {
            Registered registered = store(personId, PushDevice.Platform.WEB_PUSH, name, uri.toString());
            registered.device().p256dh = p256dh;
            registered.device().auth = auth;
            return registered;
        });
    }

    /** An FCM registration token or an APNs device token (and its environment), as the phone's SDK gave it. */
    @Transactional
    public Registered registerToken(
            String personId,
            PushDevice.Platform platform,
            String name,
            String token,
            PushDevice.Environment environment) {
        if (platform == PushDevice.Platform.FCM) {
            if (!fcm.configured()) {
                throw ApiException.badRequest("platform: FCM is not set up on this deployment; use WEB_PUSH.");
            }
            if (token == null || !token.matches("[A-Za-z0-9_:\\-]{20,4096}")) {
                throw ApiException.badRequest("token: must be the FCM registration token the app was given.");
            }
        } else {
            if (!apns.configured()) {
                throw ApiException.badRequest("platform: APNs is not set up on this deployment; use WEB_PUSH.");
            }
            if (token == null || !token.matches("[0-9a-fA-F]{64,200}")) {
                throw ApiException.badRequest("token: must be the APNs device token, in hexadecimal.");
            }
        }
        Registered registered = store(personId, platform, name, token);
        registered.device().environment = platform == PushDevice.Platform.APNS
                ? (environment == null ? PushDevice.Environment.PRODUCTION : environment)
                : null;
        return registered;
    }

    /** The device with this address, refreshed, or a new one (within the person's cap). */
    private Registered store(String personId, PushDevice.Platform platform, String name, String address) {
        ReminderLocks.devicesOf(personId);
        Instant now = clock.instant();
        PushDevice device = PushDevice.<PushDevice>find(
                        "personId = ?1 and platform = ?2 and address = ?3", personId, platform, address)
                .firstResult();
        boolean refreshed = device != null;
        if (device == null) {
            int max = config.push().maxDevicesPerPerson();
            Caps.refuseAtLimit(
                    max,
                    () -> PushDevice.count("personId", personId),
                    "At most " + max + " devices; remove one you no longer use first.");
            device = new PushDevice();
            device.id = UUID.randomUUID();
            device.personId = personId;
            device.platform = platform;
            device.address = address;
            device.createdAt = now;
        }
        device.name = name != null && !name.isBlank()
                ? name.strip()
                : device.name != null
                        ? device.name
                        : platform == PushDevice.Platform.WEB_PUSH ? "Web browser" : "Phone";
        device.refreshedAt = now;
        device.persist();
        return new Registered(device, refreshed);
    }

    @Transactional
    public List<PushDevice> of(String personId) {
        return PushDevice.list("personId = ?1 order by createdAt, id", personId);
    }

    @Transactional
    public PushDevice rename(String personId, UUID id, String name) {
        PushDevice device = own(personId, id);
        device.name = name.strip();
        return device;
    }

    @Transactional
    public void remove(String personId, UUID id) {
        own(personId, id).delete();
    }

    /**
     * A person's devices are kept while something may still be pushed to them: a relationship still active, or a
     * personal reminder of their own. Called when one of their relationships ends; returns how many were removed.
     * (A person who pairs again registers again: apps register their subscription each time they start.)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long forgetIfUnneeded(String personId) {
        if (CoupleViewMember.hasActiveCouple(personId)
                || Reminder.count("ownerId = ?1 and coupleId is null", personId) > 0) {
            return 0;
        }
        return PushDevice.delete("personId", personId); // their pending deliveries with them (on delete cascade)
    }

    private static PushDevice own(String personId, UUID id) {
        PushDevice device = PushDevice.findById(id);
        if (device == null || !device.personId.equals(personId)) {
            throw ApiException.notFound("You have no device " + id + ".");
        }
        return device;
    }

    /** A browser's {@code p256dh}: an uncompressed point on P-256, base64url. */
    static void requirePublicKey(String p256dh) {
        byte[] point = decode("subscription.keys.p256dh", p256dh);
        if (point.length != 65 || point[0] != 4) {
            throw ApiException.badRequest(
                    "subscription.keys.p256dh: must be the browser's P-256 public key (65 bytes, base64url).");
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECPoint w = new ECPoint(
                    new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(w, parameters.getParameterSpec(ECParameterSpec.class)));
            // What encrypting to it will do: an agreement refuses a point that is not on the curve.
            KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC");
            ephemeral.initialize(new ECGenParameterSpec("secp256r1"));
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(ephemeral.generateKeyPair().getPrivate());
            agreement.doPhase(key, true);
        } catch (Exception e) {
            throw ApiException.badRequest("subscription.keys.p256dh: is not a point on P-256.");
        }
    }

    /** A browser's {@code auth}: 16 random bytes, base64url. */
    static void requireAuthSecret(String auth) {
        if (decode("subscription.keys.auth", auth).length != 16) {
            throw ApiException.badRequest(
                    "subscription.keys.auth: must be the browser's 16-byte auth secret (base64url).");
        }
    }

    private static byte[] decode(String field, String value) {
        try {
            return Base64.getUrlDecoder().decode(value.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + ": is not base64url.");
        }
    }
}
