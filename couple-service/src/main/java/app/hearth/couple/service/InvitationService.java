package app.hearth.couple.service;

import app.hearth.couple.AcceptAttempt;
import app.hearth.couple.Couple;
import app.hearth.couple.CoupleMember;
import app.hearth.couple.Invitation;
import app.hearth.couple.Partner;
import app.hearth.couple.RomanticRelationships;
import app.hearth.couple.config.CoupleConfig;
import app.hearth.events.CoupleEvents;
import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.CoupleEvents.RelationshipKind;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@ApplicationScoped
public class InvitationService {
    @Inject
    Clock clock;

    @Inject
    CoupleConfig config;

    @Inject
    Outbox outbox;

    @Inject
    PartnerService partners;

    @Inject
    InvitationCodeHashes codes;

    /** A new invitation and its code, which is shown to its creator this once and kept only as a hash. */
    public record Created(Invitation invitation, String code) {}

    /**
     * A new single-use code. At most {@code hearth.couples.max-pending-invitations} of a person's codes may wait at
     * once, counted under a lock on the person's row, so parallel requests cannot get past the cap.
     */
    @Transactional
    public Created create(String personId, String nameFromToken, RelationshipKind kind) {
        partners.me(personId, nameFromToken);
        Partner.findById(personId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        long pending = Invitation.count(
                "inviterId = ?1 and status = ?2 and expiresAt > ?3", personId, Invitation.Status.PENDING, now);
        if (pending >= config.maxPendingInvitations()) {
            throw ApiException.tooManyRequests(
                    "You have " + pending + " invitations waiting to be accepted. Withdraw one "
                            + "(DELETE /v1/invitations/{id}) or wait until one is used or expires.",
                    Duration.ofHours(1));
        }
        Invitation invitation = new Invitation();
        invitation.id = UUID.randomUUID();
        invitation.inviterId = personId;
        invitation.relationshipKind = kind;
        invitation.status = Invitation.Status.PENDING;
        invitation.createdAt = now;
        invitation.expiresAt = now.plus(config.invitationTtl());
        String code;
        do {
            code = InvitationCodes.generate();
            invitation.codeHash = codes.of(code);
        } while (Invitation.count("codeHash", invitation.codeHash) > 0);
        invitation.persist();
        return new Created(invitation, code);
    }

    @Transactional
    public List<Invitation> mine(String personId) {
        return Invitation.list("inviterId = ?1 order by createdAt desc", personId);
    }

    /**
     * Withdraws a pending invitation, named by its id or its code; only its inviter may, and for anyone else it does
     * not exist.
     */
    @Transactional
    public void revoke(String personId, String idOrCode) {
        Invitation invitation =
                byIdOrCode(idOrCode).filter(i -> i.inviterId.equals(personId)).orElseThrow(() -> unknownCode(idOrCode));
        if (invitation.status == Invitation.Status.ACCEPTED) {
            throw ApiException.conflict(
                    "invitation-used", "This invitation was already accepted; end the relationship instead.");
        }
        invitation.status = Invitation.Status.REVOKED;
    }

    /**
     * Pairs the caller with the code's inviter. Every attempt first takes one of the caller's hourly attempts, under a
     * lock on the caller's row, so parallel guesses cannot get past the limit; the attempt is given back in the same
     * transaction that pairs, so only attempts that failed keep counting. Both are transactions of their own, also
     * under an {@code Idempotency-Key} (whose claim they do not join): a failed guess must count even though the
     * request fails (a retry after an answer lost at that point runs again, against the invitation as accepted).
     */
    public Couple accept(String personId, String nameFromToken, String typedCode) {
        Long attempt = QuarkusTransaction.requiringNew().call(() -> {
            partners.me(personId, nameFromToken);
            Partner.findById(personId, LockModeType.PESSIMISTIC_WRITE); // one person's attempts, one at a time
            enforceRateLimit(personId);
            return takeAttempt(personId);
        });
        return QuarkusTransaction.requiringNew().call(() -> {
            Couple couple = acceptNow(personId, typedCode);
            AcceptAttempt.deleteById(attempt);
            return couple;
        });
    }

    private void enforceRateLimit(String personId) {
        Instant windowStart = clock.instant().minus(Duration.ofHours(1));
        List<AcceptAttempt> recent =
                AcceptAttempt.list("partnerId = ?1 and attemptedAt > ?2 order by attemptedAt", personId, windowStart);
        if (recent.size() >= config.acceptFailuresPerHour()) {
            Instant oldest = recent.get(recent.size() - config.acceptFailuresPerHour()).attemptedAt;
            Duration wait = Duration.between(clock.instant(), oldest.plus(Duration.ofHours(1)));
            throw ApiException.tooManyRequests(
                    "Too many codes that did not work in the last hour. Check the code with "
                            + "the person who invited you and try again in " + Math.max(1, wait.toMinutes())
                            + " minutes.",
                    wait);
        }
    }

    private Long takeAttempt(String personId) {
        Instant now = clock.instant();
        AcceptAttempt.delete("partnerId = ?1 and attemptedAt <= ?2", personId, now.minus(Duration.ofHours(1)));
        AcceptAttempt attempt = new AcceptAttempt();
        attempt.partnerId = personId;
        attempt.attemptedAt = now;
        attempt.persist();
        return attempt.id;
    }

    private Couple acceptNow(String personId, String typedCode) {
        Instant now = clock.instant();
        Invitation invitation = byCode(typedCode).orElseThrow(() -> unknownCode(typedCode));
        switch (invitation.status) {
            case REVOKED ->
                throw ApiException.gone(
                        "invitation-revoked", "This invitation was withdrawn by the person who made it.");
            case ACCEPTED ->
                throw ApiException.gone(
                        "invitation-used", "This invitation was already used; each code pairs only once.");
            default -> {
                if (invitation.isExpired(now)) {
                    throw ApiException.gone(
                            "invitation-expired",
                            "This invitation expired at " + invitation.expiresAt + ". Ask for a new code.");
                }
            }
        }
        if (invitation.inviterId.equals(personId)) {
            throw ApiException.conflict(
                    "own-invitation",
                    "This is your own invitation: give the code to the person you "
                            + "want to pair with, and they accept it.");
        }
        // Lock both people, always in the same order, so concurrent pairings cannot both pass the limits below.
        Stream.of(personId, invitation.inviterId)
                .sorted()
                .forEach(id -> Partner.findById(id, LockModeType.PESSIMISTIC_WRITE));
        List<Couple> mine = activeCouples(personId);
        List<Couple> theirs = activeCouples(invitation.inviterId);
        Set<UUID> theirIds = theirs.stream().map(c -> c.id).collect(Collectors.toSet());
        if (mine.stream().anyMatch(c -> theirIds.contains(c.id))) {
            throw ApiException.conflict("already-paired", "You two already have an active relationship in Hearth.");
        }
        if (invitation.relationshipKind == RelationshipKind.ROMANTIC
                && (holdsOneRomanticAtATime(personId, mine) || holdsOneRomanticAtATime(invitation.inviterId, theirs))) {
            throw ApiException.conflict(
                    "romantic-limit",
                    "One of you already has an active romantic relationship in Hearth and holds one at a time. "
                            + "A person who chooses more than one says so in their profile (romanticRelationships: "
                            + "MORE_THAN_ONE in PATCH /v1/me); a friendship or family invitation works too.");
        }
        if (mine.size() >= config.maxActiveRelationships() || theirs.size() >= config.maxActiveRelationships()) {
            throw ApiException.conflict(
                    "relationship-limit",
                    "One of you already has " + config.maxActiveRelationships()
                            + " active relationships, the most Hearth supports. Ending one makes room.");
        }

        Couple couple = new Couple();
        couple.id = UUID.randomUUID();
        couple.kind = invitation.relationshipKind;
        couple.status = Couple.Status.ACTIVE;
        couple.since = now;
        couple.checkInCadence = CheckInCadence.WEEKLY;
        couple.persist();
        for (String memberId : List.of(invitation.inviterId, personId)) {
            CoupleMember member = new CoupleMember();
            member.coupleId = couple.id;
            member.partnerId = memberId;
            member.joinedAt = now;
            member.persist();
        }
        invitation.status = Invitation.Status.ACCEPTED;
        invitation.acceptedAt = now;
        invitation.coupleId = couple.id;
        outbox.publish(
                CoupleEvents.FORMED,
                couple.id.toString(),
                new CoupleEvents.CoupleFormed(
                        couple.id.toString(),
                        couple.kind,
                        List.of(invitation.inviterId, personId),
                        couple.since,
                        couple.checkInCadence));
        return couple;
    }

    /** The person already has a romantic relationship and has not chosen to hold more than one. */
    private static boolean holdsOneRomanticAtATime(String personId, List<Couple> active) {
        if (active.stream().noneMatch(c -> c.kind == RelationshipKind.ROMANTIC)) {
            return false;
        }
        Partner person = Partner.findById(personId); // locked above
        return person == null || person.romanticRelationships == RomanticRelationships.ONE_AT_A_TIME;
    }

    /** The invitation a typed code names, locked for this transaction. */
    private Optional<Invitation> byCode(String typed) {
        return InvitationCodes.normalise(typed)
                .flatMap(code -> Invitation.<Invitation>find("codeHash", codes.of(code))
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResultOptional());
    }

    private Optional<Invitation> byIdOrCode(String idOrCode) {
        try {
            return Optional.ofNullable(Invitation.findById(UUID.fromString(idOrCode), LockModeType.PESSIMISTIC_WRITE));
        } catch (IllegalArgumentException notAnId) {
            return byCode(idOrCode);
        }
    }

    private static List<Couple> activeCouples(String personId) {
        List<UUID> ids =
                CoupleMember.ofPartner(personId).stream().map(m -> m.coupleId).toList();
        return ids.isEmpty() ? List.of() : Couple.list("id in ?1 and status = ?2", ids, Couple.Status.ACTIVE);
    }

    private static ApiException unknownCode(String typed) {
        return ApiException.notFound("No invitation has the code '" + typed + "'. Codes look like 7K3QD-M9XWA.");
    }
}
