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

/** One notification on its way to one webhook: retried with backoff until delivered or dead. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    @Schema(name = "WebhookDeliveryStatus")
    public enum Status {
        PENDING,
        DELIVERED,
        DEAD
    }

    @Id
    public UUID id;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    /** The exact bytes signed and sent (kept so every retry sends the same body and signature). */
    @Column(nullable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    /** What the last attempt came to, as a category: see WebhookSender.Outcome. */
    @Column(name = "last_outcome")
    public String lastOutcome;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
