package app.hearth.reminder;

import app.hearth.events.ReminderEvents.Kind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** A recurring reminder: personal (no couple) or for a couple's members. */
@Entity
public class Reminder extends PanacheEntityBase {

    /** FOLLOW_ME: the recipient's current wall clock; FIXED: an absolute zone that never moves. */
    public enum ZonePolicy {
        FOLLOW_ME,
        FIXED
    }

    /** USER: a person made it; the others are defaults Hearth set up, editable and deletable like any other. */
    public enum Origin {
        USER,
        COUPLE_DEFAULT,
        DETOX_PLAN
    }

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "couple_id")
    public UUID coupleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String title;

    @Column(name = "exercise_slug")
    public String exerciseSlug;

    @Column(nullable = false)
    public String rrule;

    /** The series' first day; null: it starts when the reminder was created, in each recipient's zone. */
    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "time_of_day", nullable = false)
    public LocalTime timeOfDay;

    @Enumerated(EnumType.STRING)
    @Column(name = "zone_policy", nullable = false)
    public ZonePolicy zonePolicy;

    @Column(name = "fixed_zone")
    public String fixedZone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Origin origin = Origin.USER;

    /** Set for a "shared moment": fire at the start of the next window (this long) in which all recipients are awake. */
    @Column(name = "shared_moment_minutes")
    public Short sharedMomentMinutes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;
}
