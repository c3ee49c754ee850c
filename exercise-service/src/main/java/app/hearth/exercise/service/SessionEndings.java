package app.hearth.exercise.service;

import static app.hearth.exercise.service.SessionLocks.lockSession;
import static app.hearth.exercise.service.SessionLocks.lockSessionOfAnyCouple;
import static app.hearth.exercise.service.SessionLocks.requireActive;

import app.hearth.events.ExerciseEvents;
import app.hearth.exercise.Exercise;
import app.hearth.exercise.ExerciseKind;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.ExerciseStep;
import app.hearth.exercise.PlanDay;
import app.hearth.exercise.SessionMemberReady;
import app.hearth.exercise.SessionRating;
import app.hearth.exercise.StepType;
import app.hearth.exercise.config.SessionConfig;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.PartnerView;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** How a session ends: rated and completed, a plan's last day done, ended by a partner, or lapsed untouched. */
@ApplicationScoped
public class SessionEndings {

    @Inject
    Outbox outbox;

    @Inject
    GentlePacing gentle;

    @Inject
    Clock clock;

    @Inject
    SessionConfig config;

    /** The caller's closing rating; the session completes when both rated. */
    @Transactional
    public ExerciseSession rate(UUID coupleId, UUID sessionId, String personId, int feltConnected, int feltSafe) {
        ExerciseSession session = lockSession(coupleId, sessionId);
        requireActive(session);
        if (SessionRating.findById(new SessionRating.Key(sessionId, personId)) != null) {
            throw ApiException.conflict("already-rated", "You already rated this session.");
        }
        SessionRating rating = new SessionRating();
        rating.sessionId = sessionId;
        rating.partnerId = personId;
        rating.feltConnected = (short) feltConnected;
        rating.feltSafe = (short) feltSafe;
        rating.createdAt = clock.instant();
        rating.persist();
        session.lastActivityAt = rating.createdAt;
        Exercise exercise = Exercise.findById(session.exerciseSlug);
        gentle.afterRating(coupleId, exercise.isIntenseAt(session.pacingLevel), feltSafe, rating.createdAt);
        if (exercise.kind != ExerciseKind.PLAN
                && ratings(sessionId).size()
                        >= CoupleViewMember.memberIds(coupleId).size()) {
            complete(session, exercise);
        }
        return session;
    }

    /**
     * Either partner ends a session that will not be finished (with an optional reason the couple sees). Ending is
     * never refused for an open session, whoever started it, whatever its state; it frees the couple to start another.
     */
    @Transactional
    public ExerciseSession end(UUID coupleId, UUID sessionId, String personId, String reason) {
        ExerciseSession session = lockSessionOfAnyCouple(coupleId, sessionId);
        if (!session.isOpen()) {
            throw ApiException.conflict(
                    "session-closed",
                    "This session is already " + session.status.name().toLowerCase() + ".");
        }
        close(
                session,
                ExerciseSession.Status.ENDED,
                personId,
                reason == null || reason.isBlank() ? null : reason.strip());
        return session;
    }

    /**
     * Lets sessions nobody touched for {@code hearth.sessions.paused-lapses-after} lapse: paused ones, and active ones
     * that were left (an active plan runs on its own calendar and is left alone). Returns how many lapsed.
     */
    @Transactional
    public int lapseUntouched() {
        Instant cutOff = clock.instant().minus(config.pausedLapsesAfter());
        List<ExerciseSession> left = ExerciseSession.<ExerciseSession>find(
                        """
                        select s from ExerciseSession s, Exercise e where e.slug = s.exerciseSlug and s.lastActivityAt < ?1
                        and (s.status = ?2 or (s.status = ?3 and e.kind <> ?4))""", cutOff, ExerciseSession.Status.PAUSED, ExerciseSession.Status.ACTIVE, ExerciseKind.PLAN)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, 500)
                .list();
        left.forEach(session -> close(session, ExerciseSession.Status.LAPSED, null, null));
        return left.size();
    }

    private void close(ExerciseSession session, ExerciseSession.Status how, String personId, String reason) {
        Instant now = clock.instant();
        session.status = how;
        session.endedBy = personId;
        session.endedAt = now;
        session.endReason = reason;
        session.lastActivityAt = now;
        SessionMemberReady.clear(session.id, SessionMemberReady.Purpose.RESUME);
        outbox.publish(
                ExerciseEvents.SESSION_ENDED,
                session.coupleId.toString(),
                new ExerciseEvents.SessionEnded(
                        session.coupleId.toString(),
                        session.id.toString(),
                        session.exerciseSlug,
                        how.name(),
                        personId,
                        session.pauseCount,
                        now));
    }

    /** Either partner checks off a day of a plan; the plan completes with its last day. */
    @Transactional
    public ExerciseSession completeDay(UUID coupleId, UUID sessionId, String personId, int day) {
        ExerciseSession session = lockSession(coupleId, sessionId);
        requireActive(session);
        Exercise exercise = Exercise.findById(session.exerciseSlug);
        int days = (int) ExerciseStep.count("slug = ?1 and type = ?2", session.exerciseSlug, StepType.DAY);
        if (exercise.kind != ExerciseKind.PLAN) {
            throw ApiException.conflict("not-a-plan", "Only plans have days to check off.");
        }
        if (day < 1 || day > days) {
            throw ApiException.notFound("This plan has days 1 to " + days + ".");
        }
        if (PlanDay.findById(new PlanDay.Key(sessionId, day)) != null) {
            return session; // already checked off, by either of you
        }
        Instant now = clock.instant();
        // A plan follows the calendar: day n is the n-th day from the start, in the caller's own time zone and start of
        // day, and can be checked off on that day or later, not ahead.
        PartnerView calendar = PartnerView.findById(personId);
        ZoneId zone = calendar == null ? ZoneOffset.UTC : ZoneId.of(calendar.timeZone);
        int startOfDay = calendar == null ? 0 : calendar.startOfDayHour;
        LocalDate dayDate =
                CheckInPeriods.localDay(session.startedAt, zone, startOfDay).plusDays(day - 1L);
        if (CheckInPeriods.localDay(now, zone, startOfDay).isBefore(dayDate)) {
            Instant opens = dayDate.atTime(startOfDay, 0).atZone(zone).toInstant();
            throw new ApiException(
                    409,
                    "https://hearth.app/problems/plan-day-ahead",
                    "Conflict",
                    "Day " + day
                            + " of this plan is " + dayDate + " in your time zone (from "
                            + String.format("%02d:00", startOfDay)
                            + "). One day at a time: each day's step is meant for its own day.",
                    Duration.between(now, opens));
        }
        PlanDay done = new PlanDay();
        done.sessionId = sessionId;
        done.day = day;
        done.completedBy = personId;
        done.completedAt = now;
        done.persist();
        session.lastActivityAt = now;
        outbox.publish(
                ExerciseEvents.PLAN_DAY_COMPLETED,
                coupleId.toString(),
                new ExerciseEvents.PlanDayCompleted(
                        coupleId.toString(), sessionId.toString(), session.exerciseSlug, day, days, personId, now));
        if (PlanDay.count("sessionId", sessionId) >= days) {
            complete(session, exercise);
        }
        return session;
    }

    @Transactional
    public List<SessionRating> ratings(UUID sessionId) {
        return SessionRating.list("sessionId = ?1 order by createdAt, partnerId", sessionId);
    }

    @Transactional
    public List<PlanDay> days(UUID sessionId) {
        return PlanDay.list("sessionId = ?1 order by day", sessionId);
    }

    private void complete(ExerciseSession session, Exercise exercise) {
        Instant now = clock.instant();
        session.status = ExerciseSession.Status.COMPLETED;
        session.completedAt = now;
        String couple = session.coupleId.toString();
        outbox.publish(
                ExerciseEvents.EXERCISE_COMPLETED,
                couple,
                new ExerciseEvents.ExerciseCompleted(
                        couple,
                        session.id.toString(),
                        exercise.slug,
                        exercise.kind.name(),
                        session.level.name(),
                        layerNames(exercise),
                        ratings(session.id).stream()
                                .map(r -> new ExerciseEvents.Rating(r.partnerId, r.feltConnected, r.feltSafe))
                                .toList(),
                        now));
        if (exercise.kind == ExerciseKind.ASSESSMENT) {
            outbox.publish(
                    ExerciseEvents.ASSESSMENT_COMPLETED,
                    couple,
                    new ExerciseEvents.AssessmentCompleted(
                            couple,
                            session.id.toString(),
                            exercise.slug,
                            ratings(session.id).stream().map(r -> r.partnerId).toList(),
                            now));
        }
    }

    static List<String> layerNames(Exercise exercise) {
        return exercise.layers.stream().sorted().map(Enum::name).toList();
    }
}
