package app.hearth.reminder;

import app.hearth.events.ReminderEvents.Kind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A fired reminder in a person's in-app inbox. */
@Entity
public class Notification extends PanacheEntityBase {

    @Schema(name = "NotificationStatus")
    public enum Status {
        UNREAD,
        READ,
        DISMISSED,
        SNOOZED
    }

    /** REMINDER: a reminder fired; PARTNER_WAITING: the gentle nudge that a partner already checked in. */
    public enum Source {
        REMINDER,
        PARTNER_WAITING
    }

    @Id
    public UUID id;

    /** Null for a nudge, which no reminder made. */
    @Column(name = "reminder_id")
    public UUID reminderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Source source = Source.REMINDER;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(name = "couple_id")
    public UUID coupleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String title;

    @Column(name = "exercise_slug")
    public String exerciseSlug;

    @Column(name = "occurrence_at", nullable = false)
    public Instant occurrenceAt;

    @Column(name = "fired_at", nullable = false)
    public Instant firedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** When a snoozed notification comes back. */
    @Column(name = "snoozed_until")
    public Instant snoozedUntil;
}
