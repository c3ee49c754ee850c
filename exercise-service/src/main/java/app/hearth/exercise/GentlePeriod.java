package app.hearth.exercise;

import app.hearth.events.ExerciseEvents.GentleSignal;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A couple's latest gentle period: no intense session starts before {@code until}. */
@Entity
@Table(name = "gentle_period")
public class GentlePeriod extends PanacheEntityBase {

    @Id
    @Column(name = "couple_id")
    public UUID coupleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GentleSignal signal;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(nullable = false)
    public Instant until;

    public boolean isActiveAt(Instant now) {
        return until.isAfter(now);
    }
}
