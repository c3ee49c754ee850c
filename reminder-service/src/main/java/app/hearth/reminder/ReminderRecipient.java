package app.hearth.reminder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One recipient's schedule of a reminder: the next occurrence and when it fires (held, snoozed or on time). */
@Entity
@Table(name = "reminder_recipient")
@IdClass(ReminderRecipient.Key.class)
public class ReminderRecipient extends PanacheEntityBase {

    public record Key(UUID reminderId, String partnerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "reminder_id")
    public UUID reminderId;

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    /** The scheduled occurrence; the idempotency key of its notification. Null once the series ended. */
    @Column(name = "occurrence_at")
    public Instant occurrenceAt;

    /** When the dispatcher fires it: the occurrence, held to the end of quiet hours, or snoozed. */
    @Column(name = "next_fire_at")
    public Instant nextFireAt;

    /** The latest occurrence this recipient skipped; replanning never goes back to it. */
    @Column(name = "skipped_through")
    public Instant skippedThrough;
}
