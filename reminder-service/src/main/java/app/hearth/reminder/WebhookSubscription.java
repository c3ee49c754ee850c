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

/** An HTTPS endpoint that receives notifications, signed with its own secret. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    /** PERSON: every notification the person receives; PARTNER_APP: a couple's, while the couple grants it. */
    public enum OwnerType {
        PERSON,
        PARTNER_APP
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "owner_type", nullable = false)
    public OwnerType ownerType;

    /** The person's id or the partner app's client id. */
    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    /** Only for a partner app's subscription. */
    @Column(name = "couple_id")
    public UUID coupleId;

    @Column(nullable = false)
    public String url;

    /** The signing secret, sealed (see WebhookSecrets); shown once, when created or rotated. */
    @Column(name = "secret_box")
    public String secretBox;

    /** A secret stored in clear by an earlier release; sealed into {@link #secretBox} at start-up. */
    @Column(name = "secret")
    public String legacySecret;

    /** The rotated-out secret, sealed, which keeps signing until {@link #previousSecretExpiresAt}. */
    @Column(name = "previous_secret_box")
    public String previousSecretBox;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
