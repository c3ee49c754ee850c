package app.hearth.exercise.service;

import app.hearth.exercise.CheckInSubmission;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.PlanDay;
import app.hearth.exercise.SessionRating;
import app.hearth.exercise.SessionResponse;
import app.hearth.exercise.SessionResumeReady;
import app.hearth.exercise.CoupleView;
import app.hearth.exercise.CoupleViewMember;
import app.hearth.exercise.PartnerView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Forgetting, as couple-service asks: a person's answers and notes, or a couple's whole shared history. */
@ApplicationScoped
public class ErasureService {

    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePartner(String partnerId) {
        CheckInSubmission.delete("partnerId", partnerId);
        SessionResponse.delete("partnerId", partnerId);
        SessionRating.delete("partnerId", partnerId);
        SessionResumeReady.delete("partnerId", partnerId);
        PlanDay.update("completedBy = null where completedBy = ?1", partnerId);
        ExerciseSession.update("startedBy = null where startedBy = ?1", partnerId);
        ExerciseSession.update("pausedBy = null where pausedBy = ?1", partnerId);
        CoupleViewMember.delete("partnerId", partnerId);
        PartnerView.deleteById(partnerId);
    }

    /** Check-ins, sessions and everything in them go with the couple (foreign keys cascade). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purgeCouple(UUID coupleId) {
        CoupleView.deleteById(coupleId);
    }
}
