package app.hearth.membership;

import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.EventMentions;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.privacy.ErasureLedger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Who may see a couple here. Members are known from couple-events; right after pairing that view may lag, so a miss
 * is confirmed with couple-service (with the caller's token) and the answer stored. Non-members get the same 404 as
 * for a couple that does not exist.
 */
@ApplicationScoped
public class MembershipService {
    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(MembershipService.class);

    @Inject
    @RestClient
    CoupleServiceClient coupleService;

    @Inject
    MembershipProjection projection;

    @Inject
    JsonWebToken token;

    @Inject
    ErasureLedger ledger;

    /**
     * Work a member does on their couple, in a transaction of its own that checks the membership as it locks what it
     * needs: {@code work} answers empty when this service does not know the caller as a member (yet: the formation
     * may not have arrived). Then the membership is confirmed with couple-service (404 if the caller is not a member)
     * and the work runs once more; still empty then is a 404 too.
     */
    public <T> T asMember(UUID coupleId, String personId, Supplier<Optional<T>> work) {
        Optional<T> done = work.get();
        if (done.isPresent()) {
            return done.get();
        }
        requireMember(coupleId, personId);
        return work.get().orElseThrow(() -> notFound(coupleId));
    }

    /** The couple as this service knows it, if {@code personId} is a member. */
    public CoupleView requireMember(UUID coupleId, String personId) {
        CoupleView known = QuarkusTransaction.joiningExisting()
                .call(() -> CoupleViewMember.isMember(coupleId, personId)
                        ? CoupleView.<CoupleView>findById(coupleId)
                        : null);
        if (known != null) {
            return known;
        }
        CoupleServiceClient.Couple confirmed;
        try {
            confirmed = coupleService.get(coupleId, "Bearer " + token.getRawToken());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw notFound(coupleId);
            }
            LOG.warnf(
                    "couple-service answered %d confirming membership of %s",
                    e.getResponse().getStatus(), coupleId);
            throw unavailable();
        } catch (ProcessingException e) {
            LOG.warnf("couple-service unreachable confirming membership of %s: %s", coupleId, e.getMessage());
            throw unavailable();
        }
        if (confirmed == null
                || confirmed.members() == null
                || confirmed.members().stream().noneMatch(m -> personId.equals(m.partnerId()))) {
            throw notFound(coupleId);
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            // couple-service's answer may predate an erasure applied here meanwhile (or still committing): the same
            // gate as for events keeps erased people and purged couples out of the view.
            List<String> memberIds = confirmed.members().stream()
                    .map(CoupleServiceClient.Member::partnerId)
                    .toList();
            ErasureLedger.Forgotten forgotten =
                    ledger.lockAndFind(new EventMentions(Set.copyOf(memberIds), Set.of(coupleId.toString())));
            if (forgotten.anyCouple() || forgotten.people().contains(personId)) {
                throw notFound(coupleId);
            }
            projection.upsertCouple(
                    coupleId,
                    confirmed.kind(),
                    confirmed.status(),
                    CheckInCadence.valueOf(confirmed.checkInCadence()),
                    confirmed.pauseWord() != null,
                    confirmed.safetyAgreements() != null
                            && confirmed.safetyAgreements().inForce(),
                    memberIds.stream()
                            .filter(id -> !forgotten.people().contains(id))
                            .toList());
            for (CoupleServiceClient.Member member : confirmed.members()) {
                if (forgotten.people().contains(member.partnerId())) {
                    continue;
                }
                if (PartnerView.findById(member.partnerId()) == null && member.timeZone() != null) {
                    projection.upsertPartner(
                            member.partnerId(),
                            member.timeZone(),
                            member.startOfDayHour() == null ? 4 : member.startOfDayHour());
                }
            }
            return CoupleView.<CoupleView>findById(coupleId);
        });
    }

    /**
     * The couple's agreed pause word, as couple-service tells the caller (a member), if they agreed one and
     * couple-service answers; it is not replicated, so it lives in one place only.
     */
    public Optional<String> pauseWord(UUID coupleId) {
        try {
            CoupleServiceClient.Couple couple = coupleService.get(coupleId, "Bearer " + token.getRawToken());
            return Optional.ofNullable(couple == null ? null : couple.pauseWord());
        } catch (WebApplicationException | ProcessingException e) {
            LOG.debugf("pause word of %s not available: %s", coupleId, e.getMessage());
            return Optional.empty();
        }
    }

    /** The problem type of a refusal that waits for both members' safety agreements (see {@link #withSafetyAgreements}). */
    public static final String SAFETY_AGREEMENTS_NEEDED = "safety-agreements-needed";

    /**
     * Work that may be refused ({@link #SAFETY_AGREEMENTS_NEEDED}) until both members confirmed their safety agreements.
     * This service learns of a confirmation from couple-events, so one made a moment ago may not be here yet: a refusal
     * is checked with couple-service (with the caller's token), and if the agreements are in force there the work runs
     * once more, told so ({@code true}). The view itself is left to the events, which keep a couple's changes in order.
     */
    public <T> T withSafetyAgreements(UUID coupleId, Function<Boolean, T> work) {
        try {
            return work.apply(false);
        } catch (ApiException refused) {
            if (!SAFETY_AGREEMENTS_NEEDED.equals(refused.type()) || !safetyAgreementsInForce(coupleId)) {
                throw refused;
            }
            return work.apply(true);
        }
    }

    private boolean safetyAgreementsInForce(UUID coupleId) {
        try {
            CoupleServiceClient.Couple couple = coupleService.get(coupleId, "Bearer " + token.getRawToken());
            return couple != null
                    && couple.safetyAgreements() != null
                    && couple.safetyAgreements().inForce();
        } catch (WebApplicationException | ProcessingException e) {
            LOG.debugf("safety agreements of %s not confirmed: %s", coupleId, e.getMessage());
            return false;
        }
    }

    /** Whether the couple granted the app this scope (now, not expired). */
    public boolean partnerAppMay(UUID coupleId, String clientId, String scope) {
        Instant now = clock.instant();
        return QuarkusTransaction.joiningExisting()
                .call(() ->
                        PartnerAppGrant.<PartnerAppGrant>list("coupleId = ?1 and clientId = ?2", coupleId, clientId)
                                .stream()
                                .anyMatch(g -> g.allows(scope, now)));
    }

    /** The couple, if the partner app holds an active grant with {@code scope}. */
    public CoupleView requirePartnerApp(UUID coupleId, String clientId, String scope) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            CoupleView couple = partnerAppMay(coupleId, clientId, scope) ? CoupleView.findById(coupleId) : null;
            if (couple == null || !couple.isActive()) {
                throw notFound(coupleId);
            }
            return couple;
        });
    }

    /**
     * Locks the couple's view row (serialising a couple's changes, and so the order of its events) and requires it
     * to be active; {@code whatEndedMeans} tells the caller what an ended relationship still allows.
     */
    public static CoupleView lockActive(UUID coupleId, String whatEndedMeans) {
        CoupleView couple = CoupleView.findById(coupleId, LockModeType.PESSIMISTIC_WRITE);
        if (couple == null) {
            throw notFound(coupleId);
        }
        if (!couple.isActive()) {
            throw ApiException.conflict("couple-ended", "This relationship has ended; " + whatEndedMeans);
        }
        return couple;
    }

    /**
     * {@link #lockActive} and the membership check in one statement: null when this service does not know
     * {@code personId} as a member of the couple (the caller then confirms with {@link #requireMember} and tries again).
     */
    public static CoupleView lockActiveForMember(UUID coupleId, String personId, String whatEndedMeans) {
        CoupleView couple = CoupleView.<CoupleView>find(
                        "coupleId = ?1 and exists (from CoupleViewMember m "
                                + "where m.coupleId = ?1 and m.partnerId = ?2)",
                        coupleId,
                        personId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (couple != null && !couple.isActive()) {
            throw ApiException.conflict("couple-ended", "This relationship has ended; " + whatEndedMeans);
        }
        return couple;
    }

    public static ApiException notFound(UUID coupleId) {
        return ApiException.notFound("There is no relationship " + coupleId + " that you can see.");
    }

    private static ApiException unavailable() {
        return new ApiException(
                503,
                "https://hearth.app/problems/membership-unconfirmed",
                "Service Unavailable",
                "We could not confirm this relationship just now. Try again in a moment.");
    }
}
