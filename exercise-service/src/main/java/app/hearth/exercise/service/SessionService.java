package app.hearth.exercise.service;

import app.hearth.events.ExerciseEvents;
import app.hearth.exercise.Exercise;
import app.hearth.exercise.ExerciseKind;
import app.hearth.exercise.ExercisePrompt;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.ExerciseStep;
import app.hearth.exercise.Layer;
import app.hearth.exercise.Level;
import app.hearth.exercise.PlanDay;
import app.hearth.exercise.SessionPromptAnswer;
import app.hearth.exercise.SessionPrompts;
import app.hearth.exercise.SessionRating;
import app.hearth.exercise.SessionResponse;
import app.hearth.exercise.SessionResumeReady;
import app.hearth.exercise.StepType;
import app.hearth.exercise.config.SessionConfig;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.CoupleView;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.MembershipService;
import app.hearth.membership.PartnerView;
import app.hearth.platform.outbox.Outbox;
import app.hearth.platform.paging.PageRequest;
import app.hearth.platform.problem.ApiException;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Guided sessions: steps with hidden-until-both answers, the pause word, pacing, and multi-day plans. */
@ApplicationScoped
public class SessionService {
    /** Steps where each partner writes something. */
    public static final Set<StepType> ANSWERED = EnumSet.of(StepType.SHARE, StepType.REFLECT_BACK, StepType.DEBRIEF);

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    SessionConfig config;

    @Inject
    CatalogueService catalogue;

    @Transactional
    public ExerciseSession start(
            UUID coupleId, String personId, String slug, Level requestedLevel, boolean acknowledgeAdvanced) {
        CoupleView couple = lockActive(coupleId);
        Exercise exercise = catalogue.bySlug(slug);
        if (!exercise.relationshipKinds.stream().map(Enum::name).toList().contains(couple.kind)) {
            throw ApiException.conflict(
                    "not-suited",
                    "'" + exercise.title + "' is not meant for a " + couple.kind.toLowerCase()
                            + " relationship. Filter the catalogue with relationshipKind=" + couple.kind
                            + " for ones that are.");
        }
        Level level = requestedLevel == null ? exercise.level : requestedLevel;
        // Pacing goes by what the exercise is, not by the prompts asked for: gentler prompts on an advanced exercise
        // are still advanced work.
        Level pacingLevel = PacingPolicy.pacingLevel(exercise.level, level);
        Instant now = clock.instant();
        boolean plan = exercise.kind == ExerciseKind.PLAN;
        if (plan
                && ExerciseSession.count(
                                "coupleId = ?1 and status in ?2 and exerciseSlug = ?3",
                                coupleId,
                                List.of(ExerciseSession.Status.ACTIVE, ExerciseSession.Status.PAUSED),
                                slug)
                        > 0) {
            throw ApiException.conflict("session-open", "You are already following this plan.");
        }
        if (!plan) {
            // Only a session you are in the middle of stands in the way; a paused or left one never does.
            ExerciseSession.<ExerciseSession>find(
                            """
                            select s from ExerciseSession s, Exercise e where e.slug = s.exerciseSlug and s.coupleId = ?1
                            and s.status = ?2 and e.kind <> ?3 and s.lastActivityAt > ?4""",
                            coupleId,
                            ExerciseSession.Status.ACTIVE,
                            ExerciseKind.PLAN,
                            now.minus(config.activeBlocksFor()))
                    .firstResultOptional()
                    .ifPresent(inProgress -> {
                        throw ApiException.conflict(
                                "session-open",
                                "You are in the middle of a session (" + inProgress.id
                                        + "). Finish it, pause it, or end it (POST .../sessions/" + inProgress.id
                                        + "/end) to start another.");
                    });
        }
        int advancedRecently = (int) ExerciseSession.count(
                "coupleId = ?1 and pacingLevel = ?2 and startedAt > ?3",
                coupleId,
                Level.ADVANCED,
                now.minus(Duration.ofDays(7)));
        PacingPolicy.check(
                        pacingLevel,
                        exercise.layers,
                        acknowledgeAdvanced,
                        advancedRecently,
                        config.maxAdvancedPerWeek(),
                        completedLayersBelowAdvanced(coupleId))
                .ifPresent(refusal -> {
                    throw ApiException.conflict(refusal.type(), refusal.detail());
                });

        ExerciseSession session = new ExerciseSession();
        session.id = UUID.randomUUID();
        session.coupleId = coupleId;
        session.exerciseSlug = slug;
        session.level = level;
        session.pacingLevel = pacingLevel;
        session.status = ExerciseSession.Status.ACTIVE;
        session.startedBy = personId;
        session.startedAt = now;
        session.lastActivityAt = now;
        session.persist();
        outbox.publish(
                ExerciseEvents.SESSION_STARTED,
                coupleId.toString(),
                new ExerciseEvents.SessionStarted(
                        coupleId.toString(),
                        session.id.toString(),
                        slug,
                        exercise.kind.name(),
                        level.name(),
                        layerNames(exercise),
                        personId,
                        now));
        return session;
    }

    private static Set<Layer> completedLayersBelowAdvanced(UUID coupleId) {
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        // Foundation is gentler work actually completed: an advanced exercise done with beginner prompts is not.
        Exercise.<Exercise>find("""
                        select distinct e from Exercise e where e.slug in (select s.exerciseSlug from ExerciseSession s
                        where s.coupleId = ?1 and s.status = ?2 and s.pacingLevel <> ?3)""", coupleId, ExerciseSession.Status.COMPLETED, Level.ADVANCED).stream()
                .forEach(e -> layers.addAll(e.layers));
        return layers;
    }

    @Transactional
    public ExerciseSession get(UUID coupleId, UUID sessionId) {
        ExerciseSession session = ExerciseSession.findById(sessionId);
        if (session == null || !session.coupleId.equals(coupleId)) {
            throw ApiException.notFound("This relationship has no session " + sessionId + ".");
        }
        return session;
    }

    /** A page of the couple's sessions, newest first. */
    @Transactional
    public app.hearth.platform.paging.Page<ExerciseSession> list(UUID coupleId, PageRequest request) {
        var query = ExerciseSession.<ExerciseSession>find("coupleId = ?1 order by startedAt desc, id", coupleId);
        return new app.hearth.platform.paging.Page<>(
                query.page(request.page(), request.size()).list(), request.page(), request.size(), query.count());
    }

    @Transactional
    public ExerciseSession respond(
            UUID coupleId, UUID sessionId, String personId, int position, String response, String privateNote) {
        ExerciseSession session = lockSession(coupleId, sessionId);
        requireActive(session);
        ExerciseStep step = ExerciseStep.findById(new ExerciseStep.Key(session.exerciseSlug, position));
        if (step == null) {
            throw ApiException.notFound("This exercise has no step " + position + ".");
        }
        if (!ANSWERED.contains(step.type)) {
            throw ApiException.conflict(
                    "step-without-answer",
                    "Step " + position + " (" + step.title + ") is one you do "
                            + "together; there is nothing to write for it.");
        }
        if (SessionResponse.findById(new SessionResponse.Key(sessionId, position, personId)) != null) {
            throw ApiException.conflict("already-answered", "You already answered step " + position + ".");
        }
        SessionResponse answer = new SessionResponse();
        answer.sessionId = sessionId;
        answer.stepPosition = position;
        answer.partnerId = personId;
        answer.response = response;
        answer.privateNote = privateNote;
        answer.createdAt = clock.instant();
        answer.persist();
        session.lastActivityAt = answer.createdAt;
        return session;
    }

    /** A partner's answer to one prompt: words (or a skip), a tick, or a quiz choice, by the prompt's kind. */
    public record PromptAnswer(String answer, ExercisePrompt.Choice choice, boolean skip, Boolean ticked) {}

    /**
     * Records the caller's answer to one prompt of the session. Words and quiz choices are given once (the same answer
     * again is a harmless retry; a different one is refused, since a quiz answer is shown once given); a checklist
     * item can be ticked and unticked.
     */
    @Transactional
    public ExerciseSession answerPrompt(
            UUID coupleId, UUID sessionId, String personId, int position, PromptAnswer input) {
        ExerciseSession session = lockSession(coupleId, sessionId);
        requireActive(session);
        Exercise exercise = Exercise.findById(session.exerciseSlug);
        List<ExercisePrompt> prompts = ExercisePrompt.of(session.exerciseSlug);
        ExercisePrompt prompt = prompts.stream()
                .filter(p -> p.position == position)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("This exercise has no prompt " + position + "."));
        if (!SessionPrompts.playable(exercise.promptsPlay, session.level, prompts)
                .contains(prompt)) {
            throw ApiException.conflict(
                    "prompt-not-in-session",
                    "Prompt " + position + " is " + prompt.level.name().toLowerCase() + " work and this session plays "
                            + session.level.name().toLowerCase() + " prompts. "
                            + "Start the exercise at level " + prompt.level + " to go there (pacing rules apply).");
        }
        SessionPromptAnswer existing =
                SessionPromptAnswer.findById(new SessionPromptAnswer.Key(sessionId, position, personId));
        boolean hasWords = input.answer() != null && !input.answer().isBlank();
        Instant now = clock.instant();
        switch (prompt.answerKind) {
            case TICK -> {
                if (input.ticked() == null || input.answer() != null || input.choice() != null || input.skip()) {
                    throw ApiException.badRequest("Prompt " + position
                            + " is a checklist item: send {\"ticked\": true} " + "or {\"ticked\": false}.");
                }
                if (input.ticked() && existing == null) {
                    persistAnswer(sessionId, position, personId, null, null, false, now);
                } else if (!input.ticked() && existing != null) {
                    existing.delete();
                }
            }
            case CHOICE -> {
                if (input.choice() == null || input.answer() != null || input.ticked() != null || input.skip()) {
                    throw ApiException.badRequest("Prompt " + position + " is a statement to judge: send "
                            + "{\"choice\": \"MYTH\"} or {\"choice\": \"TRUE\"}.");
                }
                if (existing != null) {
                    if (existing.choice == input.choice()) {
                        return session;
                    }
                    throw ApiException.conflict(
                            "already-answered",
                            "You judged statement " + position + " " + existing.choice
                                    + " and have seen its answer; it cannot be changed.");
                }
                persistAnswer(sessionId, position, personId, null, input.choice(), false, now);
            }
            case TEXT -> {
                if (input.skip() == hasWords || input.choice() != null || input.ticked() != null) {
                    throw ApiException.badRequest("Prompt " + position + " is answered in words: send "
                            + "{\"answer\": \"...\"}, or {\"skip\": true} to pass on it.");
                }
                if (existing != null) {
                    if (existing.skipped == input.skip()
                            && Objects.equals(existing.answer, hasWords ? input.answer() : null)) {
                        return session;
                    }
                    throw ApiException.conflict("already-answered", "You already answered prompt " + position + ".");
                }
                persistAnswer(sessionId, position, personId, hasWords ? input.answer() : null, null, input.skip(), now);
            }
        }
        session.lastActivityAt = now;
        return session;
    }

    private static void persistAnswer(
            UUID sessionId,
            int position,
            String personId,
            String words,
            ExercisePrompt.Choice choice,
            boolean skipped,
            Instant now) {
        SessionPromptAnswer answer = new SessionPromptAnswer();
        answer.sessionId = sessionId;
        answer.promptPosition = position;
        answer.partnerId = personId;
        answer.answer = words;
        answer.choice = choice;
        answer.skipped = skipped;
        answer.answeredAt = now;
        answer.persist();
    }

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
        SessionResumeReady.delete("sessionId", sessionId);
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
        if (SessionResumeReady.findById(new SessionResumeReady.Key(sessionId, personId)) == null) {
            SessionResumeReady ready = new SessionResumeReady();
            ready.sessionId = sessionId;
            ready.partnerId = personId;
            ready.readyAt = now;
            ready.persist();
        }
        // Readiness is recorded even during the cool-down (the caller is told to wait), so this must not throw.
        List<String> members = CoupleViewMember.memberIds(coupleId);
        if (!now.isBefore(session.resumeNotBefore) && readyMembers(sessionId).containsAll(members)) {
            session.status = ExerciseSession.Status.ACTIVE;
            SessionResumeReady.delete("sessionId", sessionId);
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
        return SessionResumeReady.<SessionResumeReady>list("sessionId = ?1 order by readyAt", sessionId).stream()
                .map(r -> r.partnerId)
                .toList();
    }

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
        SessionResumeReady.delete("sessionId", session.id);
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
    public List<SessionResponse> responses(UUID sessionId) {
        return SessionResponse.list("sessionId = ?1 order by stepPosition, createdAt", sessionId);
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

    private static List<String> layerNames(Exercise exercise) {
        return exercise.layers.stream().sorted().map(Enum::name).toList();
    }

    private ExerciseSession lockSession(UUID coupleId, UUID sessionId) {
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
    private ExerciseSession lockSessionOfAnyCouple(UUID coupleId, UUID sessionId) {
        ExerciseSession session = ExerciseSession.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null || !session.coupleId.equals(coupleId)) {
            throw ApiException.notFound("This relationship has no session " + sessionId + ".");
        }
        return session;
    }

    private static void requireActive(ExerciseSession session) {
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

    private static CoupleView lockActive(UUID coupleId) {
        return MembershipService.lockActive(coupleId, "its sessions can be read but not continued.");
    }
}
