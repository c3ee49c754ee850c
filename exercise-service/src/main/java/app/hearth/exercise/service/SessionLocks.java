package app.hearth.exercise.service;

import app.hearth.exercise.ExerciseSession;
import app.hearth.membership.CoupleView;
import app.hearth.membership.MembershipService;
import app.hearth.platform.http.ApiException;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/** How every change to a session starts: the couple and the session locked, the session's state checked. */
final class SessionLocks {

    private SessionLocks() {}

    static ExerciseSession lockSession(UUID coupleId, UUID sessionId) {
        lockActive(coupleId);
        ExerciseSession session = ExerciseSession.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null || !session.coupleId.equals(coupleId)) {
            throw ApiException.notFound("This relationship has no session " + sessionId + ".");
        }
        return session;
    }

    /**
     * The session, locked, whatever state its couple is in: pausing and ending must work even in a relationship that
     * just ended (a pause is a safety tool, never refused).
     */
    static ExerciseSession lockSessionOfAnyCouple(UUID coupleId, UUID sessionId) {
        ExerciseSession session = ExerciseSession.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null || !session.coupleId.equals(coupleId)) {
            throw ApiException.notFound("This relationship has no session " + sessionId + ".");
        }
        return session;
    }

    static void requireActive(ExerciseSession session) {
        switch (session.status) {
            case PAUSED ->
                throw ApiException.conflict(
                        "session-paused",
                        "This session is paused. It goes on once the "
                                + "cool-down is over and both of you have said you are ready (POST .../resume).");
            case COMPLETED -> throw ApiException.conflict("session-complete", "This session is already complete.");
            case ENDED, LAPSED ->
                throw ApiException.conflict(
                        "session-closed",
                        "This session was " + session.status.name().toLowerCase() + "; start it again to go on.");
            default -> {}
        }
    }

    static CoupleView lockActive(UUID coupleId) {
        return MembershipService.lockActive(coupleId, "its sessions can be read but not continued.");
    }
}
