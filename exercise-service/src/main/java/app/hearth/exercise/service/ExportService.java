package app.hearth.exercise.service;

import app.hearth.events.ExerciseEvents.Mood;
import app.hearth.events.ExerciseEvents.ScreenTime;
import app.hearth.exercise.CheckIn;
import app.hearth.exercise.CheckInSubmission;
import app.hearth.membership.CoupleViewMember;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.SessionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What exercise-service holds about one person: their own answers, private notes included (they are theirs). */
@ApplicationScoped
public class ExportService {

    public record MyCheckIn(UUID coupleId, String period, Mood mood, int moodIntensity, int closeness, int satisfaction,
                            ScreenTime screenTime, String gratitude, String challenging, String need, String privateNote,
                            Instant submittedAt) {
    }

    public record MySessionAnswer(UUID coupleId, UUID sessionId, String exerciseSlug, int step, String response,
                                  String privateNote, Instant answeredAt) {
    }

    @Transactional
    public List<MySessionAnswer> sessionAnswers(String partnerId) {
        return SessionResponse.<SessionResponse>list("partnerId = ?1 order by createdAt", partnerId).stream().map(r -> {
            ExerciseSession session = ExerciseSession.findById(r.sessionId);
            return new MySessionAnswer(session.coupleId, session.id, session.exerciseSlug, r.stepPosition, r.response,
                    r.privateNote, r.createdAt);
        }).toList();
    }

    @Transactional
    public List<String> coupleIds(String partnerId) {
        return CoupleViewMember.<CoupleViewMember>list("partnerId", partnerId).stream().map(m -> m.coupleId.toString()).toList();
    }

    @Transactional
    public List<MyCheckIn> checkIns(String partnerId) {
        return CheckInSubmission.<CheckInSubmission>list("partnerId = ?1 order by submittedAt", partnerId).stream().map(s -> {
            CheckIn checkIn = CheckIn.findById(s.checkInId);
            return new MyCheckIn(checkIn.coupleId, checkIn.period, s.mood, s.moodIntensity, s.closeness, s.satisfaction,
                    s.screenTime, s.gratitude, s.challenging, s.need, s.privateNote, s.submittedAt);
        }).toList();
    }
}
