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

/** One partner's answer to a step; hidden from the other until both answered. The private note: never shown. */
@Entity
@Table(name = "session_response")
@IdClass(SessionResponse.Key.class)
public class SessionResponse extends PanacheEntityBase {

    public record Key(UUID sessionId, int stepPosition, String partnerId) implements Serializable {
        public Key() {
            this(null, 0, null);
        }
    }

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    @Column(name = "step_position")
    public int stepPosition;

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Column(nullable = false)
    public String response;

    @Column(name = "private_note")
    public String privateNote;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
