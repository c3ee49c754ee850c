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

/** One notification on its way to one device: retried with backoff until delivered, dead, or the device is gone. */
@Entity
@Table(name = "push_delivery")
public class PushDelivery extends PanacheEntityBase {

    public enum Status {
        PENDING,
        DELIVERED,
        DEAD
    }

    @Id
    public UUID id;

    @Column(name = "device_id", nullable = false)
    public UUID deviceId;

    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    /** What the lock screen shows, as sent on every attempt. */
    @Column(nullable = false)
    public String payload;

    /** Web Push {@code Topic}: the reminder, so a newer message replaces an undelivered older one. */
    @Column(nullable = false)
    public String topic;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    /** What the last attempt came to, as a category (PushSender.Outcome). */
    @Column(name = "last_outcome")
    public String lastOutcome;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
