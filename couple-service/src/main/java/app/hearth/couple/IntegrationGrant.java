package app.hearth.couple;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A couple's consent that a partner app may read some of their data. Both members must agree. */
@Entity
@Table(name = "integration_grant")
public class IntegrationGrant extends PanacheEntityBase {

    public enum Status {
        PENDING,
        ACTIVE,
        REVOKED
    }

    @Id
    public UUID id;

    @Column(name = "couple_id", nullable = false)
    public UUID coupleId;

    @Column(name = "client_id", nullable = false, length = 100)
    public String clientId;

    /** Space-separated, sorted scopes. */
    @Column(nullable = false, length = 100)
    public String scopes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public Set<String> scopeSet() {
        return new TreeSet<>(Arrays.asList(scopes.split(" ")));
    }

    public boolean isInForce(Instant now) {
        return status == Status.ACTIVE && (expiresAt == null || now.isBefore(expiresAt));
    }
}
