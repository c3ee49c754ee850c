package app.hearth.exercise.rest;

import app.hearth.exercise.AttachmentStyle;
import app.hearth.exercise.Exercise;
import app.hearth.exercise.ExerciseKind;
import app.hearth.exercise.ExercisePrompt;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.ExerciseStep;
import app.hearth.exercise.Guidance;
import app.hearth.exercise.Level;
import app.hearth.exercise.PlanDay;
import app.hearth.exercise.SessionMemberReady;
import app.hearth.exercise.SessionPromptAnswer;
import app.hearth.exercise.SessionPrompts;
import app.hearth.exercise.SessionRating;
import app.hearth.exercise.SessionResponse;
import app.hearth.exercise.StepType;
import app.hearth.exercise.rest.SessionResource.Answer;
import app.hearth.exercise.rest.SessionResource.AttachmentView;
import app.hearth.exercise.rest.SessionResource.DeeperView;
import app.hearth.exercise.rest.SessionResource.EndView;
import app.hearth.exercise.rest.SessionResource.PauseView;
import app.hearth.exercise.rest.SessionResource.ProgressView;
import app.hearth.exercise.rest.SessionResource.PromptAnswerView;
import app.hearth.exercise.rest.SessionResource.PromptView;
import app.hearth.exercise.rest.SessionResource.Rating;
import app.hearth.exercise.rest.SessionResource.SafetyView;
import app.hearth.exercise.rest.SessionResource.ScoresView;
import app.hearth.exercise.rest.SessionResource.SessionView;
import app.hearth.exercise.rest.SessionResource.StepView;
import app.hearth.exercise.rest.SessionResource.TurnView;
import app.hearth.exercise.service.PacingPolicy;
import app.hearth.exercise.service.SessionService;
import app.hearth.membership.CoupleView;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.MembershipService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sessions as one member sees them, built for a whole page at once: one query per kind of row (exercises, steps,
 * prompts, answers, prompt answers, ratings, plan days, readiness, members), however many sessions the page holds. A partner's
 * answer shows only once both answered a step; private notes only to their author.
 */
@ApplicationScoped
public class SessionViews {
    @Inject
    MembershipService membership;

    @Transactional
    public List<SessionView> of(UUID coupleId, List<ExerciseSession> sessions, String me) {
        if (sessions.isEmpty()) {
            return List.of();
        }
        Set<String> slugs = sessions.stream().map(s -> s.exerciseSlug).collect(Collectors.toSet());
        List<UUID> ids = sessions.stream().map(s -> s.id).toList();
        Map<String, Exercise> exercises = Exercise.<Exercise>list("slug in ?1", slugs).stream()
                .collect(Collectors.toMap(e -> e.slug, Function.identity()));
        Map<String, List<ExerciseStep>> steps =
                ExerciseStep.<ExerciseStep>list("slug in ?1 order by slug, position", slugs).stream()
                        .collect(Collectors.groupingBy(st -> st.slug));
        Map<String, List<ExercisePrompt>> prompts =
                ExercisePrompt.<ExercisePrompt>list("slug in ?1 order by slug, position", slugs).stream()
                        .collect(Collectors.groupingBy(p -> p.slug));
        Map<UUID, List<SessionResponse>> responses =
                SessionResponse.<SessionResponse>list("sessionId in ?1 order by stepPosition, createdAt", ids).stream()
                        .collect(Collectors.groupingBy(r -> r.sessionId));
        Map<UUID, List<SessionRating>> ratings =
                SessionRating.<SessionRating>list("sessionId in ?1 order by createdAt, partnerId", ids).stream()
                        .collect(Collectors.groupingBy(r -> r.sessionId));
        Map<UUID, List<PlanDay>> days = PlanDay.<PlanDay>list("sessionId in ?1 order by day", ids).stream()
                .collect(Collectors.groupingBy(d -> d.sessionId));
        Map<UUID, List<SessionPromptAnswer>> promptAnswers =
                SessionPromptAnswer.<SessionPromptAnswer>list("sessionId in ?1", ids).stream()
                        .collect(Collectors.groupingBy(a -> a.sessionId));
        List<SessionMemberReady> readiness =
                SessionMemberReady.list("sessionId in ?1 order by readyAt, partnerId", ids);
        Map<UUID, List<String>> ready = readiness.stream()
                .filter(r -> r.purpose == SessionMemberReady.Purpose.RESUME)
                .collect(Collectors.groupingBy(
                        r -> r.sessionId, Collectors.mapping(r -> r.partnerId, Collectors.toList())));
        Map<UUID, List<SessionMemberReady>> deeperAsked = readiness.stream()
                .filter(r -> r.purpose == SessionMemberReady.Purpose.DEEPER)
                .collect(Collectors.groupingBy(r -> r.sessionId));

        boolean anyIntense =
                sessions.stream().anyMatch(s -> exercises.get(s.exerciseSlug).isIntenseAt(s.pacingLevel));
        CoupleView couple = CoupleView.findById(coupleId);
        List<String> members = CoupleViewMember.memberIds(coupleId);
        // The reader's own attachment self-check words their safety reminders (read for every page, so a page costs the
        // same statements whatever its sessions are).
        AttachmentStyle myStyle = latestSuggestion(coupleId, me);
        // Asked of couple-service (where the word lives) once per page, only when a session needs it.
        String pauseWord = anyIntense && couple != null && couple.pauseWordAgreed
                ? membership.pauseWord(coupleId).orElse(null)
                : null;

        List<SessionView> views = new ArrayList<>(sessions.size());
        for (ExerciseSession session : sessions) {
            Exercise exercise = exercises.get(session.exerciseSlug);
            List<SessionResponse> answers = responses.getOrDefault(session.id, List.of());
            List<PlanDay> done = days.getOrDefault(session.id, List.of());
            List<StepView> stepViews = new ArrayList<>();
            int day = 0;
            for (ExerciseStep step : steps.getOrDefault(session.exerciseSlug, List.of())) {
                if (step.type == StepType.DAY) {
                    int thisDay = ++day;
                    stepViews.add(new StepView(
                            step.position,
                            step.type,
                            step.title,
                            step.instruction,
                            step.timing,
                            null,
                            null,
                            null,
                            done.stream()
                                    .filter(d -> d.day == thisDay)
                                    .map(d -> d.completedAt)
                                    .findFirst()
                                    .orElse(null)));
                    continue;
                }
                SessionResponse mine = answers.stream()
                        .filter(r -> r.stepPosition == step.position && r.partnerId.equals(me))
                        .findFirst()
                        .orElse(null);
                SessionResponse theirs = answers.stream()
                        .filter(r -> r.stepPosition == step.position && !r.partnerId.equals(me))
                        .findFirst()
                        .orElse(null);
                stepViews.add(new StepView(
                        step.position,
                        step.type,
                        step.title,
                        step.instruction,
                        step.timing,
                        mine == null ? null : new Answer(mine.response, mine.privateNote),
                        SessionService.ANSWERED.contains(step.type) ? theirs != null : null,
                        // Revealed only once both answered; the partner's private note never.
                        mine != null && theirs != null ? new Answer(theirs.response, null) : null,
                        null));
            }
            List<SessionRating> rated = ratings.getOrDefault(session.id, List.of());
            SessionRating myRating = rated.stream()
                    .filter(r -> r.partnerId.equals(me))
                    .findFirst()
                    .orElse(null);
            PauseView pause = session.status == ExerciseSession.Status.PAUSED
                    ? new PauseView(
                            session.pausedBy,
                            session.pausedAt,
                            session.pauseWordSaid,
                            session.resumeNotBefore,
                            ready.getOrDefault(session.id, List.of()))
                    : null;
            SafetyView safety = exercise.isIntenseAt(session.pacingLevel)
                    ? new SafetyView(
                            pauseWord,
                            (pauseWord != null
                                            ? "If it gets too much, either of you can say \"" + pauseWord
                                                    + "\" and pause (POST .../pause): no reason needed."
                                            : "If it gets too much, either of you can pause at any moment (POST .../pause): no reason needed. "
                                                    + "Agreeing on a pause word first helps (PATCH /v1/couples/{id} on couple-service).")
                                    + (myStyle == null ? "" : " " + myStyle.inIntenseSessions()),
                            Guidance.FOR_INTENSE_SESSIONS)
                    : null;
            PlayedPrompts played = played(
                    session,
                    exercise,
                    prompts.getOrDefault(session.exerciseSlug, List.of()),
                    promptAnswers.getOrDefault(session.id, List.of()),
                    members,
                    me);
            EndView ended =
                    session.status == ExerciseSession.Status.ENDED || session.status == ExerciseSession.Status.LAPSED
                            ? new EndView(session.endedBy, session.endedAt, session.endReason)
                            : null;
            DeeperView deeper = deeper(
                    session,
                    exercise,
                    prompts.getOrDefault(session.exerciseSlug, List.of()),
                    deeperAsked.getOrDefault(session.id, List.of()),
                    me);
            views.add(new SessionView(
                    session.id,
                    exercise.slug,
                    exercise.title,
                    exercise.kind,
                    new TreeSet<>(exercise.layers),
                    session.level,
                    session.pacingLevel,
                    session.status,
                    session.startedBy,
                    session.startedAt,
                    safety,
                    pause,
                    played.prompts(),
                    played.progress(),
                    played.turn(),
                    played.scores(),
                    stepViews,
                    myRating == null ? null : new Rating(myRating.feltConnected, myRating.feltSafe),
                    rated.stream().anyMatch(r -> !r.partnerId.equals(me)),
                    session.completedAt,
                    ended,
                    deeper,
                    attachment(
                            prompts.getOrDefault(session.exerciseSlug, List.of()),
                            promptAnswers.getOrDefault(session.id, List.of()),
                            me)));
        }
        return views;
    }

    /** In a self-check whose statements lean towards attachment styles, what the reader's own ticks suggest. */
    private static AttachmentView attachment(
            List<ExercisePrompt> prompts, List<SessionPromptAnswer> answers, String me) {
        Map<Integer, AttachmentStyle> leaning = prompts.stream()
                .filter(p -> p.suggests != null)
                .collect(Collectors.toMap(p -> p.position, p -> p.suggests));
        if (leaning.isEmpty()) {
            return null;
        }
        Map<AttachmentStyle, Integer> ticked = new EnumMap<>(AttachmentStyle.class);
        answers.stream()
                .filter(a -> a.partnerId.equals(me) && leaning.containsKey(a.promptPosition))
                .forEach(a -> ticked.merge(leaning.get(a.promptPosition), 1, Integer::sum));
        AttachmentStyle style = AttachmentStyle.suggested(ticked);
        return new AttachmentView(
                style,
                style == null ? null : style.meaning(),
                ticked.values().stream().mapToInt(Integer::intValue).sum(),
                ATTACHMENT_GUIDANCE);
    }

    static final String ATTACHMENT_GUIDANCE = "/v1/guidance/attachment-styles";

    /** What the reader's latest attachment self-check in this relationship suggests, or null. */
    private static AttachmentStyle latestSuggestion(UUID coupleId, String me) {
        List<Object[]> rows = SessionPromptAnswer.getEntityManager()
                .createQuery("""
                        select s.id, p.suggests from SessionPromptAnswer a, ExerciseSession s, ExercisePrompt p
                        where a.sessionId = s.id and s.coupleId = ?1 and a.partnerId = ?2 and p.slug = s.exerciseSlug
                        and p.position = a.promptPosition and p.suggests is not null order by s.startedAt desc""", Object[].class)
                .setParameter(1, coupleId)
                .setParameter(2, me)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object latest = rows.get(0)[0];
        Map<AttachmentStyle, Integer> ticked = new EnumMap<>(AttachmentStyle.class);
        rows.stream()
                .filter(r -> r[0].equals(latest))
                .forEach(r -> ticked.merge((AttachmentStyle) r[1], 1, Integer::sum));
        return AttachmentStyle.suggested(ticked);
    }

    /** The prompts an open session played in sequence still holds back, and why, or null. */
    private static DeeperView deeper(
            ExerciseSession session,
            Exercise exercise,
            List<ExercisePrompt> prompts,
            List<SessionMemberReady> asked,
            String me) {
        Level next = SessionPrompts.deeperLevel(exercise.promptsPlay, session.level, prompts);
        if (next == null || !session.isOpen()) {
            return null;
        }
        int held = SessionPrompts.heldBack(exercise.promptsPlay, session.level, prompts);
        boolean advanced = PacingPolicy.pacingLevel(exercise.level, next) == Level.ADVANCED;
        return new DeeperView(
                next,
                held,
                asked.stream().anyMatch(r -> r.partnerId.equals(me) && r.level == next),
                asked.stream().anyMatch(r -> !r.partnerId.equals(me) && r.level == next),
                held + " more prompts wait at the " + next.name().toLowerCase()
                        + " level, the deepest ones last. Go deeper in this sitting when you both want to (POST "
                        + ".../deeper, each of you)"
                        + (advanced
                                ? ": it counts as advanced work, of which the guide's pacing allows a couple of"
                                        + " sessions a week, and never while a gentle period runs."
                                : "."));
    }

    private record PlayedPrompts(List<PromptView> prompts, ProgressView progress, TurnView turn, ScoresView scores) {}

    /** The session's prompts as {@code me} sees them: what is revealed follows the rules on {@link PromptView}. */
    private static PlayedPrompts played(
            ExerciseSession session,
            Exercise exercise,
            List<ExercisePrompt> all,
            List<SessionPromptAnswer> answers,
            List<String> members,
            String me) {
        List<ExercisePrompt> playable = SessionPrompts.playable(exercise.promptsPlay, session.level, all);
        if (playable.isEmpty()) {
            return new PlayedPrompts(List.of(), null, null, null);
        }
        Map<Integer, SessionPromptAnswer> mine = answers.stream()
                .filter(a -> a.partnerId.equals(me))
                .collect(Collectors.toMap(a -> a.promptPosition, Function.identity()));
        Map<Integer, SessionPromptAnswer> theirs = answers.stream()
                .filter(a -> !a.partnerId.equals(me))
                .collect(Collectors.toMap(a -> a.promptPosition, Function.identity(), (a, b) -> a));
        boolean turns = SessionPrompts.takesTurns(exercise);
        List<PromptView> views = new ArrayList<>(playable.size());
        for (int i = 0; i < playable.size(); i++) {
            ExercisePrompt p = playable.get(i);
            SessionPromptAnswer my = mine.get(p.position);
            SessionPromptAnswer their = theirs.get(p.position);
            boolean reveal = !exercise.answersPrivate
                    && their != null
                    && (p.answerKind == ExercisePrompt.AnswerKind.TICK || my != null);
            boolean answerShown = p.answerKind == ExercisePrompt.AnswerKind.CHOICE && my != null;
            views.add(new PromptView(
                    p.position,
                    p.stepPosition,
                    p.level,
                    p.answerKind,
                    p.text,
                    p.detail,
                    turns ? SessionPrompts.asker(i, session.startedBy, members) : null,
                    answerView(p, my),
                    their != null,
                    reveal ? answerView(p, their) : null,
                    answerShown ? p.correctChoice : null,
                    answerShown ? p.explanation : null));
        }
        SessionPrompts.Progress progress = SessionPrompts.progress(playable, mine.keySet(), theirs.keySet());
        TurnView turn = !turns
                ? null
                : SessionPrompts.current(playable, mine.keySet(), theirs.keySet())
                        .map(p -> {
                            String asker = SessionPrompts.asker(playable.indexOf(p), session.startedBy, members);
                            return new TurnView(p.position, asker, me.equals(asker));
                        })
                        .orElse(null);
        ScoresView scores = null;
        if (exercise.kind == ExerciseKind.QUIZ) {
            Map<Integer, ExercisePrompt.Choice> myChoices = choices(mine);
            Set<Integer> both = new HashSet<>(mine.keySet());
            both.retainAll(theirs.keySet());
            scores = new ScoresView(
                    SessionPrompts.score(playable, myChoices, mine.keySet()),
                    SessionPrompts.score(playable, choices(theirs), both));
        }
        return new PlayedPrompts(
                views,
                new ProgressView(progress.total(), progress.answeredByBoth(), progress.mine(), progress.partner()),
                turn,
                scores);
    }

    private static Map<Integer, ExercisePrompt.Choice> choices(Map<Integer, SessionPromptAnswer> answers) {
        return answers.values().stream()
                .filter(a -> a.choice != null)
                .collect(Collectors.toMap(a -> a.promptPosition, a -> a.choice));
    }

    private static PromptAnswerView answerView(ExercisePrompt prompt, SessionPromptAnswer answer) {
        if (answer == null) {
            return null;
        }
        return switch (prompt.answerKind) {
            case TICK -> new PromptAnswerView(null, null, null, true);
            case CHOICE -> new PromptAnswerView(null, answer.choice, null, null);
            case TEXT -> new PromptAnswerView(answer.answer, null, answer.skipped ? true : null, null);
        };
    }
}
