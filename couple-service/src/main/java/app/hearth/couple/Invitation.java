package app.hearth.couple;

import app.hearth.events.CoupleEvents.RelationshipKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A single-use code one partner gives another to pair up (only its keyed hash is stored). */
@Entity
public class Invitation extends PanacheEntityBase {

    public enum Status {
        PENDING,
        ACCEPTED,
        REVOKED
    }

    @Id
    public UUID id;

    /** Hex HMAC-SHA256 of the normalised code (see InvitationCodeHashes); the code itself is shown once and not kept. */
    @Column(name = "code_hash")
    public String codeHash;

    /** A code an earlier release stored in clear; hashed into {@link #codeHash} at start-up. */
    @Column(name = "code")
    public String legacyCode;

    @Column(name = "inviter_id", nullable = false)
    public String inviterId;

    @Enumerated(EnumType.STRING)
    @Column(name = "relationship_kind", nullable = false)
    public RelationshipKind relationshipKind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "couple_id")
    public UUID coupleId;

    public boolean isExpired(Instant now) {
        return status == Status.PENDING && !now.isBefore(expiresAt);
    }
}
