package app.hearth.exercise.service;

import app.hearth.exercise.CheckInSubmission;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.PlanDay;
import app.hearth.exercise.SessionMemberReady;
import app.hearth.exercise.SessionPromptAnswer;
import app.hearth.exercise.SessionRating;
import app.hearth.exercise.SessionResponse;
import app.hearth.platform.privacy.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * What exercise-service holds about people: their check-in answers and notes, their session answers, ratings and
 * readiness; who started, paused, ended a session or completed a plan day is unlinked (the couple's history stays
 * theirs). A purged couple's check-ins and sessions go with couple_view (on delete cascade).
 */
@ApplicationScoped
public class ExercisePersonalData implements PersonalData {

    @Override
    public Set<String> personColumns() {
        return Set.of(
                "check_in_submission.partner_id",
                "session_response.partner_id",
                "session_prompt_answer.partner_id",
                "session_rating.partner_id",
                "session_member_ready.partner_id",
                "plan_day.completed_by",
                "exercise_session.started_by",
                "exercise_session.paused_by",
                "exercise_session.ended_by");
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePerson(String partnerId) {
        CheckInSubmission.delete("partnerId", partnerId);
        SessionResponse.delete("partnerId", partnerId);
        SessionPromptAnswer.delete("partnerId", partnerId);
        SessionRating.delete("partnerId", partnerId);
        SessionMemberReady.delete("partnerId", partnerId);
        PlanDay.update("completedBy = null where completedBy = ?1", partnerId);
        ExerciseSession.update("startedBy = null where startedBy = ?1", partnerId);
        ExerciseSession.update("pausedBy = null where pausedBy = ?1", partnerId);
        ExerciseSession.update("endedBy = null, endReason = null where endedBy = ?1", partnerId);
    }
}
