package app.hearth.exercise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A member's "I'm ready" for something both must agree on before a session moves: going on after a pause, or taking
 * it to {@code level}'s prompts. It acts once every member is ready for the same thing.
 */
@Entity
@Table(name = "session_member_ready")
@IdClass(SessionMemberReady.Key.class)
public class SessionMemberReady extends PanacheEntityBase {

    public enum Purpose {
        RESUME,
        DEEPER
    }

    public record Key(UUID sessionId, String partnerId, Purpose purpose) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Id
    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    /** The level a DEEPER readiness asks for; null for RESUME. */
    @Enumerated(EnumType.STRING)
    public Level level;

    @Column(name = "ready_at", nullable = false)
    public Instant readyAt;

    /**
     * Records the member's readiness (a DEEPER one for another level replaces the old) and says whether every one of
     * {@code members} is now ready for the same thing.
     */
    public static boolean markReady(
            UUID sessionId, String partnerId, Purpose purpose, Level level, Instant now, List<String> members) {
        SessionMemberReady ready = findById(new Key(sessionId, partnerId, purpose));
        if (ready == null) {
            ready = new SessionMemberReady();
            ready.sessionId = sessionId;
            ready.partnerId = partnerId;
            ready.purpose = purpose;
            ready.level = level;
            ready.readyAt = now;
            ready.persist();
        } else if (!Objects.equals(ready.level, level)) {
            ready.level = level;
            ready.readyAt = now;
        }
        return SessionMemberReady.<SessionMemberReady>list("sessionId = ?1 and purpose = ?2", sessionId, purpose)
                .stream()
                .filter(r -> Objects.equals(r.level, level))
                .map(r -> r.partnerId)
                .toList()
                .containsAll(members);
    }

    /** The session moved (or moved on): readiness for it starts over. */
    public static void clear(UUID sessionId, Purpose purpose) {
        delete("sessionId = ?1 and purpose = ?2", sessionId, purpose);
    }
}
