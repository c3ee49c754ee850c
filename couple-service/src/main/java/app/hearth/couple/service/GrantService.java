package app.hearth.couple.service;

import app.hearth.couple.Couple;
import app.hearth.couple.IntegrationGrant;
import app.hearth.events.CoupleEvents;
import app.hearth.events.CoupleEvents.RevokeReason;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.messaging.Outbox;
import app.hearth.platform.privacy.OAuthSchemes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Consent for partner apps: one member asks, the other approves, either revokes at once. */
@ApplicationScoped
public class GrantService {
    @Inject
    Clock clock;

    public static final Set<String> SCOPES = OAuthSchemes.SCOPES;

    @Inject
    CoupleAccess access;

    @Inject
    Outbox outbox;

    @Transactional
    public IntegrationGrant request(
            UUID coupleId, String personId, String clientId, Set<String> scopes, Instant expiresAt) {
        Couple couple = access.changeableBy(coupleId, personId);
        Set<String> unknown = new TreeSet<>(scopes);
        unknown.removeAll(SCOPES);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest(
                    "scopes: " + unknown + " are not scopes Hearth grants. Choose from " + new TreeSet<>(SCOPES) + ".");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiresAt: " + expiresAt + " is in the past.");
        }
        boolean open = IntegrationGrant.<IntegrationGrant>list(
                        "coupleId = ?1 and clientId = ?2 and status <> ?3",
                        couple.id,
                        clientId,
                        IntegrationGrant.Status.REVOKED)
                .stream()
                .anyMatch(g -> g.expiresAt == null || g.expiresAt.isAfter(now));
        if (open) {
            throw ApiException.conflict(
                    "grant-exists",
                    "There is already a pending or active grant for " + clientId
                            + ". Revoke it first to change what it may see.");
        }
        IntegrationGrant grant = new IntegrationGrant();
        grant.id = UUID.randomUUID();
        grant.coupleId = couple.id;
        grant.clientId = clientId;
        grant.scopes = String.join(" ", new TreeSet<>(scopes));
        grant.status = IntegrationGrant.Status.PENDING;
        grant.requestedBy = personId;
        grant.createdAt = now;
        grant.expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS); // as stored
        grant.persist();
        return grant;
    }

    @Transactional
    public List<IntegrationGrant> list(UUID coupleId, String personId) {
        access.readableBy(coupleId, personId);
        return IntegrationGrant.list("coupleId = ?1 order by createdAt desc, id", coupleId);
    }

    /** Every grant of these couples (for a member's export). */
    @Transactional
    public List<IntegrationGrant> ofCouples(List<UUID> coupleIds) {
        return coupleIds.isEmpty()
                ? List.of()
                : IntegrationGrant.list("coupleId in ?1 order by createdAt, id", coupleIds);
    }

    @Transactional
    public IntegrationGrant approve(UUID coupleId, UUID grantId, String personId) {
        Couple couple = access.changeableBy(coupleId, personId);
        IntegrationGrant grant = find(couple.id, grantId);
        Instant now = clock.instant();
        if (grant.status != IntegrationGrant.Status.PENDING) {
            throw ApiException.conflict(
                    "grant-not-pending",
                    "This grant is " + grant.status.name().toLowerCase() + "; only a pending grant can be approved.");
        }
        if (personId.equals(grant.requestedBy)) {
            throw ApiException.conflict(
                    "second-member-must-approve",
                    "You asked for this grant; your partner approves " + "it, because the data is about both of you.");
        }
        if (grant.expiresAt != null && !grant.expiresAt.isAfter(now)) {
            throw ApiException.conflict("grant-expired", "This grant expired before it was approved; ask again.");
        }
        grant.status = IntegrationGrant.Status.ACTIVE;
        grant.approvedBy = personId;
        grant.approvedAt = now;
        outbox.publish(
                CoupleEvents.INTEGRATION_GRANTED,
                couple.id.toString(),
                new CoupleEvents.IntegrationGranted(
                        couple.id.toString(), grant.id.toString(), grant.clientId, grant.scopeSet(), grant.expiresAt));
        return grant;
    }

    /** Either member may revoke at once, even after the relationship ended. */
    @Transactional
    public void revoke(UUID coupleId, UUID grantId, String personId) {
        Couple couple = access.readableBy(coupleId, personId);
        Couple.findById(couple.id, LockModeType.PESSIMISTIC_WRITE);
        IntegrationGrant grant = find(couple.id, grantId);
        if (grant.status == IntegrationGrant.Status.REVOKED) {
            return;
        }
        boolean wasActive = grant.status == IntegrationGrant.Status.ACTIVE;
        grant.status = IntegrationGrant.Status.REVOKED;
        grant.revokedAt = clock.instant();
        if (wasActive) {
            outbox.publish(
                    CoupleEvents.INTEGRATION_REVOKED,
                    couple.id.toString(),
                    new CoupleEvents.IntegrationRevoked(
                            couple.id.toString(), grant.id.toString(), grant.clientId, RevokeReason.REVOKED));
        }
    }

    private static IntegrationGrant find(UUID coupleId, UUID grantId) {
        IntegrationGrant grant = IntegrationGrant.findById(grantId, LockModeType.PESSIMISTIC_WRITE);
        if (grant == null || !grant.coupleId.equals(coupleId)) {
            throw ApiException.notFound("This relationship has no grant " + grantId + ".");
        }
        return grant;
    }
}
