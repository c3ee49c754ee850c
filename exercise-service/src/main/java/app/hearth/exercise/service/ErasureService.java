package app.hearth.exercise.service;

import app.hearth.exercise.CheckInSubmission;
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
        CoupleViewMember.delete("partnerId", partnerId);
        PartnerView.deleteById(partnerId);
    }

    /** Check-ins and their submissions go with the couple (foreign keys cascade). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purgeCouple(UUID coupleId) {
        CoupleView.deleteById(coupleId);
    }
}
