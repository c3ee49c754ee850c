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

/** How a partner felt at the end: connected and safe, 1 to 5. */
@Entity
@Table(name = "session_rating")
@IdClass(SessionRating.Key.class)
public class SessionRating extends PanacheEntityBase {

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

    @Column(name = "felt_connected", nullable = false)
    public short feltConnected;

    @Column(name = "felt_safe", nullable = false)
    public short feltSafe;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
