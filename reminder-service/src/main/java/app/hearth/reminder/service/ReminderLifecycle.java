package app.hearth.reminder.service;

import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.MembershipProjection.CoupleEndApplied;
import app.hearth.membership.MembershipProjection.PartnerCalendarChanged;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderRecipient;
import app.hearth.reminder.push.PushDevices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What couple-service's events mean for reminders: moving with a traveller, and stopping when a relationship ends
 * (erasures and purges reach {@link ReminderPersonalData} through the platform's {@code Erasures}).
 */
@ApplicationScoped
public class ReminderLifecycle {

    @Inject
    SchedulePlanner planner;

    @Inject
    Clock clock;

    @Inject
    ReminderPersonalData personalData;

    @Inject
    PushDevices devices;

    /** A new zone or quiet hours: pending occurrences of reminders that follow the person move with them. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onCalendarChanged(@Observes PartnerCalendarChanged changed) {
        // The person's reminder lock, which creating a reminder for them holds while it plans: a reminder created
        // while this change commits is either planned on the new calendar or listed below, never planned on the old
        // calendar and missed here (seen in CI: a new FOLLOW_ME reminder kept UTC after the zone change).
        ReminderLocks.remindersOf(List.of(changed.partnerId()));
        Instant now = clock.instant();
        for (ReminderRecipient recipient :
                ReminderLocks.recipientsForReplanning("partnerId = ?1 order by reminderId", changed.partnerId())) {
            if (recipient.occurrenceAt != null) {
                planner.replan(Reminder.findById(recipient.reminderId), recipient, now);
            }
        }
    }

    /**
     * An ended relationship reminds nobody any more: its reminders and notifications go at once, and so do the
     * devices of members it leaves with nothing to be reminded of.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void onCoupleEnded(@Observes CoupleEndApplied ended) {
        personalData.eraseCouple(ended.coupleId());
        for (String member : CoupleViewMember.memberIds(ended.coupleId())) {
            devices.forgetIfUnneeded(member);
        }
    }
}
