package app.hearth.couple.service;

import app.hearth.couple.Couple;
import app.hearth.couple.CoupleMember;
import app.hearth.couple.IntegrationGrant;
import app.hearth.couple.config.CoupleConfig;
import app.hearth.events.CoupleEvents;
import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.CoupleEvents.EndReason;
import app.hearth.events.CoupleEvents.RevokeReason;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.IfMatch;
import app.hearth.platform.messaging.Outbox;
import app.hearth.platform.privacy.Erasures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

@ApplicationScoped
public class CoupleService {
    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(CoupleService.class);

    @Inject
    CoupleAccess access;

    @Inject
    Outbox outbox;

    @Inject
    Erasures erasures;

    @Inject
    CoupleConfig config;

    /** The caller's relationships: active ones and ended ones still within their retention period. */
    @Transactional
    public List<Couple> mine(String personId) {
        List<UUID> ids =
                CoupleMember.ofPartner(personId).stream().map(m -> m.coupleId).toList();
        return ids.isEmpty() ? List.of() : Couple.list("id in ?1 order by since desc, id", ids);
    }

    @Transactional
    public Couple get(UUID coupleId, String personId) {
        return access.readableBy(coupleId, personId);
    }

    /** Changes to what members agree on; absent fields stay as they are. */
    public record Changes(Optional<LocalDate> anniversary, Optional<String> pauseWord, CheckInCadence checkInCadence) {}

    @Transactional
    public Couple update(UUID coupleId, String personId, Changes changes, IfMatch ifMatch) {
        Couple couple = access.changeableBy(coupleId, personId);
        ifMatch.check(couple.version, "This couple's settings", true);
        if (changes.anniversary() != null) {
            LocalDate anniversary = changes.anniversary().orElse(null);
            if (anniversary != null && anniversary.isAfter(LocalDate.now().plusDays(1))) {
                throw ApiException.badRequest("anniversary: " + anniversary + " is in the future.");
            }
            couple.anniversary = anniversary;
        }
        if (changes.pauseWord() != null) {
            String word = changes.pauseWord()
                    .map(String::strip)
                    .filter(w -> !w.isEmpty())
                    .orElse(null);
            if (!Objects.equals(word, couple.pauseWord)) {
                // The agreements were confirmed for the old word: both are asked again.
                CoupleMember.ofCouple(couple.id).forEach(m -> m.safetyAgreementsConfirmedAt = null);
            }
            couple.pauseWord = word;
        }
        if (changes.checkInCadence() != null) {
            couple.checkInCadence = changes.checkInCadence();
        }
        publishUpdated(couple);
        return couple;
    }

    /**
     * A member confirms the safety agreements ({@code confirmed}) or takes their confirmation back. Confirming needs an
     * agreed pause word: it is the first agreement. The couple's version moves, so its ETag tells clients it changed.
     */
    @Transactional
    public Couple setMySafetyAgreements(UUID coupleId, String personId, boolean confirmed) {
        Couple couple = access.changeableBy(coupleId, personId);
        if (confirmed && couple.pauseWord == null) {
            throw ApiException.conflict(
                    "pause-word-needed",
                    "The first agreement is your pause word, and this relationship has none yet: agree on one "
                            + "(PATCH /v1/couples/" + coupleId + " with pauseWord), then confirm the agreements.");
        }
        CoupleMember mine = CoupleMember.findById(new CoupleMember.Key(coupleId, personId));
        Instant at = confirmed ? clock.instant() : null;
        if ((mine.safetyAgreementsConfirmedAt != null) == confirmed) {
            return couple; // already so: nothing changes, no event
        }
        mine.safetyAgreementsConfirmedAt = at;
        Couple.getEntityManager().lock(couple, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        publishUpdated(couple);
        return couple;
    }

    private void publishUpdated(Couple couple) {
        outbox.publish(
                CoupleEvents.UPDATED,
                couple.id.toString(),
                new CoupleEvents.CoupleUpdated(
                        couple.id.toString(),
                        couple.anniversary,
                        couple.checkInCadence,
                        couple.pauseWord != null,
                        CoupleMember.safetyAgreementsInForce(CoupleMember.ofCouple(couple.id))));
    }

    @Transactional
    public Couple end(UUID coupleId, String personId) {
        Couple couple = access.changeableBy(coupleId, personId);
        endLocked(couple, EndReason.MEMBER_ENDED, clock.instant());
        return couple;
    }

    /**
     * Ends a locked, active couple: former members keep read access for the retention period; partner apps lose
     * theirs at once, because the consent of both no longer holds.
     */
    void endLocked(Couple couple, EndReason reason, Instant now) {
        couple.status = Couple.Status.ENDED;
        couple.endedAt = now;
        couple.purgeAfter = now.plus(config.retentionAfterEnd());
        for (IntegrationGrant grant : IntegrationGrant.<IntegrationGrant>list("coupleId", couple.id)) {
            if (grant.status != IntegrationGrant.Status.REVOKED) {
                boolean wasActive = grant.status == IntegrationGrant.Status.ACTIVE;
                grant.status = IntegrationGrant.Status.REVOKED;
                grant.revokedAt = now;
                if (wasActive) {
                    outbox.publish(
                            CoupleEvents.INTEGRATION_REVOKED,
                            couple.id.toString(),
                            new CoupleEvents.IntegrationRevoked(
                                    couple.id.toString(),
                                    grant.id.toString(),
                                    grant.clientId,
                                    RevokeReason.COUPLE_ENDED));
                }
            }
        }
        outbox.publish(
                CoupleEvents.ENDED,
                couple.id.toString(),
                new CoupleEvents.CoupleEnded(couple.id.toString(), reason, now, couple.purgeAfter));
    }

    /**
     * Deletes a couple's shared history here (every part of this service: {@link CouplePersonalData#eraseCouple}) and
     * tells every other service to do the same.
     */
    void purgeLocked(Couple couple) {
        erasures.purgeCouple(couple.id, clock.instant());
        outbox.publish(CoupleEvents.PURGED, couple.id.toString(), new CoupleEvents.CouplePurged(couple.id.toString()));
    }

    @Scheduled(
            every = "${hearth.couples.housekeeping-interval}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void housekeeping() {
        housekeep(clock.instant());
    }

    /** Purges couples past their retention and retires grants past their expiry; each in its own transaction. */
    public int housekeep(Instant now) {
        int done = 0;
        List<UUID> due = QuarkusTransaction.requiringNew()
                .call(() -> Couple.<Couple>list("status = ?1 and purgeAfter <= ?2", Couple.Status.ENDED, now).stream()
                        .map(c -> c.id)
                        .toList());
        for (UUID id : due) {
            QuarkusTransaction.requiringNew().run(() -> {
                Couple couple = Couple.findById(id, LockModeType.PESSIMISTIC_WRITE);
                if (couple != null && couple.status == Couple.Status.ENDED && !couple.purgeAfter.isAfter(now)) {
                    purgeLocked(couple);
                }
            });
            done++;
        }
        List<UUID> expired = QuarkusTransaction.requiringNew()
                .call(
                        () -> IntegrationGrant.<IntegrationGrant>list(
                                        "status = ?1 and expiresAt <= ?2", IntegrationGrant.Status.ACTIVE, now)
                                .stream()
                                .map(g -> g.id)
                                .toList());
        for (UUID id : expired) {
            QuarkusTransaction.requiringNew().run(() -> {
                IntegrationGrant grant = IntegrationGrant.findById(id, LockModeType.PESSIMISTIC_WRITE);
                if (grant != null && grant.status == IntegrationGrant.Status.ACTIVE) {
                    grant.status = IntegrationGrant.Status.REVOKED;
                    grant.revokedAt = now;
                    outbox.publish(
                            CoupleEvents.INTEGRATION_REVOKED,
                            grant.coupleId.toString(),
                            new CoupleEvents.IntegrationRevoked(
                                    grant.coupleId.toString(),
                                    grant.id.toString(),
                                    grant.clientId,
                                    RevokeReason.EXPIRED));
                }
            });
            done++;
        }
        if (done > 0) {
            LOG.infof(
                    "housekeeping: purged %d ended relationships, retired %d expired grants",
                    due.size(), expired.size());
        }
        return done;
    }
}
