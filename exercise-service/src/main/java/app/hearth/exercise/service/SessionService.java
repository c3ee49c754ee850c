package app.hearth.exercise.service;

import static app.hearth.exercise.service.SessionLocks.lockActive;
import static app.hearth.exercise.service.SessionLocks.lockSession;
import static app.hearth.exercise.service.SessionLocks.requireActive;

import app.hearth.events.ExerciseEvents;
import app.hearth.exercise.Exercise;
import app.hearth.exercise.ExerciseKind;
import app.hearth.exercise.ExercisePrompt;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.ExerciseStep;
import app.hearth.exercise.GentlePeriod;
import app.hearth.exercise.Layer;
import app.hearth.exercise.Level;
import app.hearth.exercise.SessionMemberReady;
import app.hearth.exercise.SessionMemberReady.Purpose;
import app.hearth.exercise.SessionPromptAnswer;
import app.hearth.exercise.SessionPrompts;
import app.hearth.exercise.SessionResponse;
import app.hearth.exercise.StepType;
import app.hearth.exercise.config.SessionConfig;
import app.hearth.membership.CoupleView;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.MembershipService;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    @Inject
    GentlePacing gentle;

    /**
     * {@code agreementsConfirmed}: couple-service just said both members confirmed their safety agreements (this
     * service's view may not know yet: {@link MembershipService#withSafetyAgreements}).
     */
    @Transactional
    public ExerciseSession start(
            UUID coupleId,
            String personId,
            String slug,
            Level requestedLevel,
            boolean acknowledgeAdvanced,
            boolean agreementsConfirmed) {
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
        requireSafetyAgreements(couple, exercise.isIntenseAt(pacingLevel), agreementsConfirmed);
        gentle.requireAllows(coupleId, exercise.isIntenseAt(pacingLevel), now);
        PacingPolicy.check(
                        pacingLevel,
                        exercise.layers,
                        acknowledgeAdvanced,
                        advancedStartedLastSevenDays(coupleId, now),
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
                        SessionEndings.layerNames(exercise),
                        personId,
                        now));
        return session;
    }

    /**
     * A member asks to take a session played in sequence to its next level's prompts (the 36 questions: the next set,
     * in the same sitting). Once both have asked, it goes deeper, as pacing allows: a gentle period holds intense work,
     * and advanced work counts against the week's limit (both asking is the "yes, we know" foundation asks for).
     */
    /** A session after a member asked to go deeper: {@code wentDeeper} once both have asked and pacing allowed it. */
    public record DeeperAsked(ExerciseSession session, boolean wentDeeper) {}

    @Transactional
    public DeeperAsked goDeeper(UUID coupleId, UUID sessionId, String personId, boolean agreementsConfirmed) {
        ExerciseSession session = lockSession(coupleId, sessionId);
        requireActive(session);
        Exercise exercise = catalogue.bySlug(session.exerciseSlug);
        Level next = SessionPrompts.deeperLevel(
                exercise.promptsPlay, session.level, ExercisePrompt.list("slug", exercise.slug));
        if (next == null) {
            throw ApiException.conflict("no-deeper-level", "This session already plays every prompt its exercise has.");
        }
        Instant now = clock.instant();
        session.lastActivityAt = now;
        if (!SessionMemberReady.markReady(
                sessionId, personId, Purpose.DEEPER, next, now, CoupleViewMember.memberIds(coupleId))) {
            return new DeeperAsked(session, false);
        }
        Level pacingLevel = PacingPolicy.pacingLevel(exercise.level, next);
        requireSafetyAgreements(CoupleView.findById(coupleId), exercise.isIntenseAt(pacingLevel), agreementsConfirmed);
        gentle.requireAllows(coupleId, exercise.isIntenseAt(pacingLevel), now);
        if (pacingLevel == Level.ADVANCED && session.pacingLevel != Level.ADVANCED) {
            PacingPolicy.check(
                            pacingLevel,
                            exercise.layers,
                            true,
                            advancedStartedLastSevenDays(coupleId, now),
                            config.maxAdvancedPerWeek(),
                            Set.of())
                    .ifPresent(refusal -> {
                        throw ApiException.conflict(refusal.type(), refusal.detail());
                    });
        }
        session.level = next;
        session.pacingLevel = pacingLevel;
        SessionMemberReady.clear(sessionId, Purpose.DEEPER);
        return new DeeperAsked(session, true);
    }

    /**
     * Where a couple's pacing stands: whether their safety agreements are in force, a gentle period if one runs, and
     * the advanced sessions of the last 7 days.
     */
    public record Pacing(
            boolean safetyAgreementsInForce,
            GentlePeriod gentlePeriod,
            int advancedLastSevenDays,
            int maxAdvancedPerWeek) {}

    @Transactional
    public Pacing pacing(UUID coupleId) {
        Instant now = clock.instant();
        CoupleView couple = CoupleView.findById(coupleId);
        return new Pacing(
                couple != null && couple.safetyAgreementsConfirmed,
                gentle.current(coupleId, now).orElse(null),
                advancedStartedLastSevenDays(coupleId, now),
                config.maxAdvancedPerWeek());
    }

    private static int advancedStartedLastSevenDays(UUID coupleId, Instant now) {
        return (int) ExerciseSession.count(
                "coupleId = ?1 and pacingLevel = ?2 and startedAt > ?3",
                coupleId,
                Level.ADVANCED,
                now.minus(Duration.ofDays(7)));
    }

    /**
     * Intense work waits until both members confirmed the safety agreements in couple-service (the pause word agreed,
     * no phones during hard talks, nothing shared used against each other): the guide's "agree on pause words" first.
     */
    private static void requireSafetyAgreements(CoupleView couple, boolean intense, boolean confirmedNow) {
        if (intense && !couple.safetyAgreementsConfirmed && !confirmedNow) {
            throw ApiException.conflict(
                    MembershipService.SAFETY_AGREEMENTS_NEEDED,
                    "Before intense work, both of you confirm the safety agreements: a pause word either of you can "
                            + "say to stop, no phones during hard talks, and nothing shared used against each other. "
                            + "Agree on a pause word (PATCH /v1/couples/" + couple.coupleId
                            + " with pauseWord) if you have none, then each of you confirms (PUT /v1/couples/"
                            + couple.coupleId + "/safety-agreements/mine with {\"confirmed\": true}). "
                            + "Beginner and booster exercises need nothing first.");
        }
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
    public PageOf<ExerciseSession> list(UUID coupleId, PageRequest request) {
        var query = ExerciseSession.<ExerciseSession>find("coupleId = ?1 order by startedAt desc, id", coupleId);
        return new PageOf<>(
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
                    throw ApiException.badRequest("ticked: prompt " + position
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
                    throw ApiException.badRequest("choice: prompt " + position + " is a statement to judge: send "
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
                    throw ApiException.badRequest("answer: prompt " + position + " is answered in words: send "
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

    @Transactional
    public List<SessionResponse> responses(UUID sessionId) {
        return SessionResponse.list("sessionId = ?1 order by stepPosition, createdAt", sessionId);
    }
}
