package app.hearth.couple.service;

import app.hearth.couple.Couple;
import app.hearth.couple.CoupleMember;
import app.hearth.couple.IntegrationGrant;
import app.hearth.platform.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The one place that decides who may see a couple. Anyone who is not a member, and any partner app without the
 * couple's grant, gets the same 404 as for a couple that does not exist, so existence never leaks.
 */
@ApplicationScoped
public class CoupleAccess {
    @Inject
    Clock clock;

    /** The couple, if {@code personId} is (or, within the retention period, was) a member. */
    public Couple readableBy(UUID coupleId, String personId) {
        Couple couple = Couple.findById(coupleId);
        if (couple == null || !CoupleMember.isMember(coupleId, personId)) {
            throw notFound(coupleId);
        }
        return couple;
    }

    /** The couple, locked for a change, if {@code personId} is a member and it is still active. */
    public Couple changeableBy(UUID coupleId, String personId) {
        if (!CoupleMember.isMember(coupleId, personId)) {
            throw notFound(coupleId);
        }
        Couple couple = Couple.findById(coupleId, LockModeType.PESSIMISTIC_WRITE);
        if (couple == null) {
            throw notFound(coupleId);
        }
        if (!couple.isActive()) {
            throw ApiException.conflict(
                    "couple-ended",
                    "This relationship has ended; it can be read and exported until " + couple.purgeAfter
                            + " but no longer changed.");
        }
        return couple;
    }

    /** The couple, if the partner app holds an active grant with {@code scope} (the token's scopes checked by the caller). */
    public Couple readableByPartnerApp(UUID coupleId, String clientId, String scope) {
        Instant now = clock.instant();
        boolean granted =
                IntegrationGrant.<IntegrationGrant>list("coupleId = ?1 and clientId = ?2", coupleId, clientId).stream()
                        .anyMatch(g -> g.isInForce(now) && g.scopeSet().contains(scope));
        Couple couple = granted ? Couple.findById(coupleId) : null;
        if (couple == null || !couple.isActive()) {
            throw notFound(coupleId);
        }
        return couple;
    }

    public static ApiException notFound(UUID coupleId) {
        return ApiException.notFound("There is no relationship " + coupleId + " that you can see.");
    }
}
