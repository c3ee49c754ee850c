package app.hearth.reminder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** reminder-service's settings ({@code hearth.reminders.*}). */
@ConfigMapping(prefix = "hearth.reminders")
public interface ReminderConfig {

    /** How long after a partner checked in the other gets "your partner is waiting" (held past quiet hours). */
    @WithDefault("PT2H")
    Duration partnerWaitingDelay();

    /** The weekly check-in reminder every new couple gets: day (RFC 5545 BYDAY) and local time. */
    @WithDefault("SU")
    String defaultCheckInDay();

    @WithDefault("19:30")
    LocalTime defaultCheckInTime();

    /** The local time of the daily reminder while a couple follows the 7-day digital detox (before dinner: day 1). */
    @WithDefault("18:00")
    LocalTime detoxReminderTime();

    /**
     * After downtime, a recurring reminder fires once, for its latest missed occurrence, if that came due at most this
     * long ago; older missed occurrences are skipped.
     */
    @WithDefault("PT2H")
    Duration catchUpGrace();

    /** How often each replica looks for due occurrences and nudges. */
    @WithDefault("1s")
    Duration dispatchInterval();

    /** A person's own (personal) reminders are bounded, so nobody is reminded of everything all day. */
    @WithDefault("12")
    int maxPerPerson();

    /**
     * A relationship's reminders have a cap of their own: they never use a member's personal allowance, so one member
     * cannot fill another's (which would also have cost them the relationship's default check-in).
     */
    @WithDefault("12")
    int maxPerCouple();

    /** Open live streams per person on one replica (each holds a connection of it). */
    @WithDefault("5")
    int maxLiveStreamsPerPerson();

    /** How long a slot taken for a live stream waits for the stream to start before it is given back. */
    @WithDefault("PT30S")
    Duration liveStreamStartGrace();

    Webhooks webhooks();

    interface Webhooks {
        /** Attempts before a delivery is dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failure; doubles after each further one, up to {@link #maxBackoff()}. */
        @WithDefault("PT30S")
        Duration initialBackoff();

        /** How often each replica sends queued deliveries. */
        @WithDefault("1s")
        Duration sendInterval();

        @WithDefault("PT6H")
        Duration maxBackoff();

        /** How long one look-up of a webhook's host may take (inside an attempt's deadline, or a registration). */
        @WithDefault("PT2S")
        Duration dnsTimeout();

        /** Registrations refused for their destination, per person or app per hour, before further ones are 429. */
        @WithDefault("20")
        int maxRefusedPerHour();

        /** The hard deadline of one attempt: looking the host up, connecting, sending and reading the whole answer. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Local mode only: accept receivers on loopback addresses (on the developer's machine), over http too. */
        boolean allowLoopbackHttp();

        /** At most this many subscriptions per person or partner app and couple. */
        @WithDefault("5")
        int maxPerOwner();

        /** The key sealing signing secrets at rest (a secret in production: HEARTH_WEBHOOK_SECRET_KEY). */
        String secretKey();

        /** How long a rotated-out secret keeps signing next to the new one, so receivers can switch without a gap. */
        @WithDefault("PT24H")
        Duration secretOverlap();
    }

    Push push();

    /** Pushes to people's devices (Web Push). */
    interface Push {
        /** Devices per person; registering one more is refused (429) until one is removed. */
        @WithDefault("10")
        int maxDevicesPerPerson();

        /** Attempts before a push is given up (dead). */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failure; doubles after each further one (a push service's Retry-After wins). */
        @WithDefault("PT30S")
        Duration initialBackoff();

        @WithDefault("PT6H")
        Duration maxBackoff();

        /** How often each replica sends queued pushes. */
        @WithDefault("1s")
        Duration sendInterval();

        /** The hard deadline of one attempt: look-up, connecting, sending and reading the answer. */
        @WithDefault("PT10S")
        Duration timeout();

        /** How long a push service keeps a message for a device that is offline (Web Push TTL). */
        @WithDefault("PT12H")
        Duration timeToLive();

        /** VAPID (RFC 8292): who push services may contact, {@code mailto:} or {@code https:}. */
        String vapidSubject();

        /** VAPID public key: the uncompressed P-256 point, base64url (clients subscribe with it). */
        String vapidPublicKey();

        /** VAPID private key: the P-256 scalar, base64url (a secret in production: HEARTH_VAPID_PRIVATE_KEY). */
        String vapidPrivateKey();

        Fcm fcm();

        Apns apns();
    }

    /** Firebase Cloud Messaging (HTTP v1 API): Android (and iOS apps that use FCM). */
    interface Fcm {
        /** The API's base URL. */
        @WithDefault("https://fcm.googleapis.com")
        String endpoint();

        /** The Firebase project's service account key (JSON, a Secret); FCM devices are refused without it. */
        Optional<String> serviceAccountFile();
    }

    /** Apple Push Notification service (HTTP/2, token-based authentication). */
    interface Apns {
        @WithDefault("https://api.push.apple.com")
        String productionEndpoint();

        @WithDefault("https://api.sandbox.push.apple.com")
        String sandboxEndpoint();

        /** The .p8 signing key (a Secret); APNs devices are refused without it. */
        Optional<String> keyFile();

        /** The key's id (the JWT's {@code kid}). */
        Optional<String> keyId();

        /** The developer team's id (the JWT's {@code iss}). */
        Optional<String> teamId();

        /** The app's bundle id ({@code apns-topic}). */
        Optional<String> bundleId();
    }
}
