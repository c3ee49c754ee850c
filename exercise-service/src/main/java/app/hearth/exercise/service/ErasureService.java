package app.hearth.exercise.service;

import app.hearth.exercise.CheckInSubmission;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.PlanDay;
import app.hearth.exercise.SessionPromptAnswer;
import app.hearth.exercise.SessionRating;
import app.hearth.exercise.SessionResponse;
import app.hearth.exercise.SessionResumeReady;
import app.hearth.membership.LocalErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/** Forgetting, as couple-service asks: a person's answers and notes, or a couple's whole shared history. */
@ApplicationScoped
public class ErasureService {

    @Transactional(Transactional.TxType.MANDATORY)
    void erasePartner(@Observes LocalErasure.PartnerErasureApplied erased) {
        String partnerId = erased.partnerId();
        CheckInSubmission.delete("partnerId", partnerId);
        SessionResponse.delete("partnerId", partnerId);
        SessionPromptAnswer.delete("partnerId", partnerId);
        SessionRating.delete("partnerId", partnerId);
        SessionResumeReady.delete("partnerId", partnerId);
        PlanDay.update("completedBy = null where completedBy = ?1", partnerId);
        ExerciseSession.update("startedBy = null where startedBy = ?1", partnerId);
        ExerciseSession.update("pausedBy = null where pausedBy = ?1", partnerId);
        ExerciseSession.update("endedBy = null, endReason = null where endedBy = ?1", partnerId);
    }

    // CouplePurged needs nothing here: check-ins and sessions reference couple_view and go with it (on delete cascade).
}
