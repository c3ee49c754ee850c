package app.hearth.exercise.service;

import app.hearth.events.ExerciseEvents.Mood;
import app.hearth.events.ExerciseEvents.ScreenTime;
import app.hearth.exercise.CheckIn;
import app.hearth.exercise.CheckInSubmission;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.PlanDay;
import app.hearth.exercise.SessionMemberReady;
import app.hearth.exercise.SessionPromptAnswer;
import app.hearth.exercise.SessionRating;
import app.hearth.exercise.SessionResponse;
import app.hearth.membership.CoupleViewMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What exercise-service holds about one person: their own answers, private notes included (they are theirs). */
@ApplicationScoped
public class ExerciseExport {

    public record MyCheckIn(
            UUID coupleId,
            String period,
            Mood mood,
            int moodIntensity,
            int closeness,
            int satisfaction,
            ScreenTime screenTime,
            @Schema(nullable = true) String gratitude,
            @Schema(nullable = true) String challenging,
            @Schema(nullable = true) String need,
            @Schema(nullable = true) String privateNote,
            Instant submittedAt) {}

    public record MySessionAnswer(
            UUID coupleId,
            UUID sessionId,
            String exerciseSlug,
            int step,
            @Schema(nullable = true) String response,
            @Schema(nullable = true) String privateNote,
            Instant answeredAt) {}

    @Transactional
    public List<MySessionAnswer> sessionAnswers(String partnerId) {
        return SessionResponse.<SessionResponse>list("partnerId = ?1 order by createdAt", partnerId).stream()
                .map(r -> {
                    ExerciseSession session = ExerciseSession.findById(r.sessionId);
                    return new MySessionAnswer(
                            session.coupleId,
                            session.id,
                            session.exerciseSlug,
                            r.stepPosition,
                            r.response,
                            r.privateNote,
                            r.createdAt);
                })
                .toList();
    }

    public record MyRating(int feltConnected, int feltSafe, Instant ratedAt) {}

    public record MyPlanDay(
            int day,
            boolean completedByMe,
            @Schema(nullable = true) Instant completedAt) {}

    /** The caller's answer to a prompt: words, a skip, a tick (none of the others) or a quiz choice. */
    public record MyPromptAnswer(
            int prompt,
            @Schema(nullable = true) String answer,
            @Schema(nullable = true) String choice,
            boolean skipped,
            Instant answeredAt) {}

    /** A session of one of the caller's couples, whatever its state, with what the caller did in it. */
    public record MySession(
            UUID sessionId,
            UUID coupleId,
            String exerciseSlug,
            String level,
            String status,
            boolean startedByMe,
            Instant startedAt,
            boolean pausedByMe,
            @Schema(nullable = true) Instant pausedAt,
            int pauseCount,
            @Schema(nullable = true) Instant readyToResumeAt,
            @Schema(nullable = true) Instant completedAt,
            List<MySessionAnswer> myAnswers,
            List<MyPromptAnswer> myPromptAnswers,
            @Schema(nullable = true) MyRating myRating,
            List<MyPlanDay> planDays) {}

    /** Every session of the caller's couples, and any other session they answered or rated in. */
    @Transactional
    public List<MySession> sessions(String partnerId) {
        Set<UUID> ids = new LinkedHashSet<>();
        List<UUID> couples = CoupleViewMember.<CoupleViewMember>list("partnerId", partnerId).stream()
                .map(m -> m.coupleId)
                .toList();
        if (!couples.isEmpty()) {
            ExerciseSession.<ExerciseSession>list("coupleId in ?1 order by startedAt", couples)
                    .forEach(x -> ids.add(x.id));
        }
        SessionResponse.<SessionResponse>list("partnerId", partnerId).forEach(r -> ids.add(r.sessionId));
        SessionRating.<SessionRating>list("partnerId", partnerId).forEach(r -> ids.add(r.sessionId));
        SessionPromptAnswer.<SessionPromptAnswer>list("partnerId", partnerId).forEach(r -> ids.add(r.sessionId));
        List<MySession> sessions = new ArrayList<>();
        for (UUID id : ids) {
            ExerciseSession session = ExerciseSession.findById(id);
            if (session == null) {
                continue;
            }
            List<MySessionAnswer> answers = SessionResponse.<SessionResponse>list(
                            "sessionId = ?1 and partnerId = ?2 order by stepPosition", id, partnerId)
                    .stream()
                    .map(r -> new MySessionAnswer(
                            session.coupleId,
                            id,
                            session.exerciseSlug,
                            r.stepPosition,
                            r.response,
                            r.privateNote,
                            r.createdAt))
                    .toList();
            List<MyPromptAnswer> promptAnswers = SessionPromptAnswer.<SessionPromptAnswer>list(
                            "sessionId = ?1 and partnerId = ?2 order by promptPosition", id, partnerId)
                    .stream()
                    .map(a -> new MyPromptAnswer(
                            a.promptPosition,
                            a.answer,
                            a.choice == null ? null : a.choice.name(),
                            a.skipped,
                            a.answeredAt))
                    .toList();
            SessionRating rating = SessionRating.findById(new SessionRating.Key(id, partnerId));
            SessionMemberReady ready = SessionMemberReady.find(
                            "sessionId = ?1 and partnerId = ?2 and purpose = ?3",
                            id,
                            partnerId,
                            SessionMemberReady.Purpose.RESUME)
                    .firstResult();
            List<MyPlanDay> days = PlanDay.<PlanDay>list("sessionId = ?1 order by day", id).stream()
                    .map(d -> new MyPlanDay(d.day, partnerId.equals(d.completedBy), d.completedAt))
                    .toList();
            sessions.add(new MySession(
                    id,
                    session.coupleId,
                    session.exerciseSlug,
                    session.level.name(),
                    session.status.name(),
                    partnerId.equals(session.startedBy),
                    session.startedAt,
                    partnerId.equals(session.pausedBy),
                    session.pausedAt,
                    session.pauseCount,
                    ready == null ? null : ready.readyAt,
                    session.completedAt,
                    answers,
                    promptAnswers,
                    rating == null ? null : new MyRating(rating.feltConnected, rating.feltSafe, rating.createdAt),
                    days));
        }
        return sessions;
    }

    @Transactional
    public List<String> coupleIds(String partnerId) {
        return CoupleViewMember.<CoupleViewMember>list("partnerId", partnerId).stream()
                .map(m -> m.coupleId.toString())
                .toList();
    }

    @Transactional
    public List<MyCheckIn> checkIns(String partnerId) {
        return CheckInSubmission.<CheckInSubmission>list("partnerId = ?1 order by submittedAt", partnerId).stream()
                .map(s -> {
                    CheckIn checkIn = CheckIn.findById(s.checkInId);
                    return new MyCheckIn(
                            checkIn.coupleId,
                            checkIn.period,
                            s.mood,
                            s.moodIntensity,
                            s.closeness,
                            s.satisfaction,
                            s.screenTime,
                            s.gratitude,
                            s.challenging,
                            s.need,
                            s.privateNote,
                            s.submittedAt);
                })
                .toList();
    }
}
