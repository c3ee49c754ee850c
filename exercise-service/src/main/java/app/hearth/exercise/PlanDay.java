package app.hearth.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A day of a plan, checked off by either partner. */
@Entity
@Table(name = "plan_day")
@IdClass(PlanDay.Key.class)
public class PlanDay extends PanacheEntityBase {

    public record Key(UUID sessionId, int day) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    public int day;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;
}
