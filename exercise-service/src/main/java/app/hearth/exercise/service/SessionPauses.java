package app.hearth.exercise.service;

import static app.hearth.exercise.service.SessionLocks.lockSession;
import static app.hearth.exercise.service.SessionLocks.lockSessionOfAnyCouple;

import app.hearth.events.ExerciseEvents;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.SessionMemberReady;
import app.hearth.exercise.SessionMemberReady.Purpose;
import app.hearth.exercise.config.SessionConfig;
import app.hearth.membership.CoupleViewMember;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The pause, a safety tool: either partner stops the session for both at once; it goes on after a cool-down, once both are ready. */
@ApplicationScoped
public class SessionPauses {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    SessionConfig config;

    /**
     * Pauses the session for both partners at once. Never gated: no reason, no pause word and no agreement needed,
     * and pausing a paused session just keeps it paused (a second press must not fail the person who pressed it).
     */
    @Transactional
    public ExerciseSession pause(UUID coupleId, UUID sessionId, String personId, boolean pauseWordSaid) {
        ExerciseSession session = lockSessionOfAnyCouple(coupleId, sessionId);
        if (!session.isOpen()) {
            throw ApiException.conflict(
                    "session-closed",
                    "This session is " + session.status.name().toLowerCase() + "; there is nothing to pause.");
        }
        Instant now = clock.instant();
        if (session.status == ExerciseSession.Status.PAUSED) {
            session.pauseWordSaid = session.pauseWordSaid || pauseWordSaid;
            session.lastActivityAt = now;
            return session;
        }
        session.status = ExerciseSession.Status.PAUSED;
        session.pausedBy = personId;
        session.pausedAt = now;
        session.pauseWordSaid = session.pauseWordSaid || pauseWordSaid;
        session.resumeNotBefore = now.plus(config.coolDown());
        session.pauseCount++;
        session.lastActivityAt = now;
        SessionMemberReady.clear(sessionId, Purpose.RESUME);
        outbox.publish(
                ExerciseEvents.SESSION_PAUSED,
                coupleId.toString(),
                new ExerciseEvents.SessionPaused(
                        coupleId.toString(),
                        sessionId.toString(),
                        session.exerciseSlug,
                        personId,
                        pauseWordSaid,
                        now,
                        session.resumeNotBefore));
        return session;
    }

    /**
     * Records that the caller is ready to go on. The session resumes once the cool-down has passed and both partners
     * said they are ready (whichever of the two comes last).
     */
    @Transactional
    public ExerciseSession resume(UUID coupleId, UUID sessionId, String personId) {
        ExerciseSession session = lockSession(coupleId, sessionId);
        if (session.status != ExerciseSession.Status.PAUSED) {
            throw ApiException.conflict("session-not-paused", "This session is not paused.");
        }
        Instant now = clock.instant();
        session.lastActivityAt = now;
        // Readiness is recorded even during the cool-down (the caller is told to wait), so this must not throw.
        boolean bothReady = SessionMemberReady.markReady(
                sessionId, personId, Purpose.RESUME, null, now, CoupleViewMember.memberIds(coupleId));
        if (!now.isBefore(session.resumeNotBefore) && bothReady) {
            session.status = ExerciseSession.Status.ACTIVE;
            SessionMemberReady.clear(sessionId, Purpose.RESUME);
            outbox.publish(
                    ExerciseEvents.SESSION_RESUMED,
                    coupleId.toString(),
                    new ExerciseEvents.SessionResumed(
                            coupleId.toString(), sessionId.toString(), session.exerciseSlug, now));
        }
        return session;
    }

    @Transactional
    public List<String> readyMembers(UUID sessionId) {
        return SessionMemberReady.<SessionMemberReady>list(
                        "sessionId = ?1 and purpose = ?2 order by readyAt", sessionId, Purpose.RESUME)
                .stream()
                .map(r -> r.partnerId)
                .toList();
    }
}
