package app.hearth.membership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** A partner app's active grant on a couple, from IntegrationGranted (deleted on IntegrationRevoked). */
@Entity
@Table(name = "partner_app_grant")
public class PartnerAppGrant extends PanacheEntityBase {

    @Id
    @Column(name = "grant_id")
    public UUID grantId;

    @Column(name = "couple_id", nullable = false)
    public UUID coupleId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    /** Space-separated scopes. */
    @Column(nullable = false)
    public String scopes;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public boolean allows(String scope, Instant now) {
        return Arrays.asList(scopes.split(" ")).contains(scope) && (expiresAt == null || now.isBefore(expiresAt));
    }
}
