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

@Entity
@Table(name = "session_resume_ready")
@IdClass(SessionResumeReady.Key.class)
public class SessionResumeReady extends PanacheEntityBase {

    public record Key(UUID sessionId, String partnerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "ready_at", nullable = false)
    public Instant readyAt;
}
