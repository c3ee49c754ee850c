package app.hearth.reminder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A device of a person's that reminders are pushed to (a browser's Web Push subscription, a phone's token). */
@Entity
@Table(name = "push_device")
public class PushDevice extends PanacheEntityBase {

    @Schema(name = "DevicePlatform")
    public enum Platform {
        WEB_PUSH,
        FCM,
        APNS
    }

    /** Which APNs endpoint reaches the device: development builds use Apple's sandbox. */
    @Schema(name = "ApnsEnvironment")
    public enum Environment {
        PRODUCTION,
        SANDBOX
    }

    @Id
    public UUID id;

    @Column(name = "person_id", nullable = false)
    public String personId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Platform platform;

    @Column(nullable = false)
    public String name;

    /** Web Push: the endpoint URL; FCM: the registration token; APNs: the device token. */
    @Column(nullable = false)
    public String address;

    /** Web Push: the browser's public key (base64url, uncompressed P-256 point). */
    public String p256dh;

    /** Web Push: the browser's auth secret (base64url, 16 bytes). */
    public String auth;

    /** APNs only. */
    @Enumerated(EnumType.STRING)
    public Environment environment;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the device last registered (a refreshed subscription registers again). */
    @Column(name = "refreshed_at", nullable = false)
    public Instant refreshedAt;
}
