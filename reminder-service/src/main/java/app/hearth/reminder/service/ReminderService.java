package app.hearth.reminder.service;

import app.hearth.events.ReminderEvents;
import app.hearth.events.ReminderEvents.Kind;
import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.PartnerView;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.IfMatch;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.messaging.Outbox;
import app.hearth.reminder.Notification;
import app.hearth.reminder.PartnerNudge;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderPause;
import app.hearth.reminder.ReminderRecipient;
import app.hearth.reminder.ReminderSettings;
import app.hearth.reminder.config.ReminderConfig;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
public class ReminderService {
    @Inject
    ReminderConfig config;

    static long personalReminders(String ownerId) {
        return Reminder.count("ownerId = ?1 and coupleId is null", ownerId);
    }

    @Inject
    Clock clock;

    @Inject
    SchedulePlanner planner;

    @Inject
    Outbox outbox;

    public record Spec(
            Kind kind,
            String title,
            String exerciseSlug,
            String rrule,
            LocalDate startDate,
            LocalTime timeOfDay,
            Reminder.ZonePolicy zonePolicy,
            String fixedZone,
            Integer sharedMomentMinutes,
            Reminder.Origin origin) {

        public Spec(
                Kind kind,
                String title,
                String exerciseSlug,
                String rrule,
                LocalDate startDate,
                LocalTime timeOfDay,
                Reminder.ZonePolicy zonePolicy,
                String fixedZone) {
            this(
                    kind,
                    title,
                    exerciseSlug,
                    rrule,
                    startDate,
                    timeOfDay,
                    zonePolicy,
                    fixedZone,
                    null,
                    Reminder.Origin.USER);
        }
    }

    /** What PATCH may change; null leaves a field as it is. */
    public record Change(
            String title,
            String rrule,
            LocalTime timeOfDay,
            LocalDate startDate,
            Reminder.ZonePolicy zonePolicy,
            String fixedZone,
            Integer sharedMomentMinutes,
            Boolean sharedMoment) {}

    /** Creates a reminder for {@code recipients} (the owner alone for a personal one) and plans each first firing. */
    @Transactional
    public Reminder create(String ownerId, UUID coupleId, List<String> recipients, Spec spec) {
        ReminderSchedule schedule = validSchedule(spec.rrule(), spec.startDate(), spec.timeOfDay());
        Reminder.ZonePolicy policy = spec.zonePolicy() == null ? Reminder.ZonePolicy.FOLLOW_ME : spec.zonePolicy();
        validZone(policy, spec.fixedZone());
        if (spec.sharedMomentMinutes() != null && coupleId == null) {
            throw ApiException.badRequest("sharedMomentMinutes: a shared moment is for a couple reminder; "
                    + "create it under /v1/couples/{coupleId}/reminders.");
        }
        if (coupleId != null) {
            // The couple's row lock also serialises its reminders' count against its cap.
            ReminderLocks.activeCouple(coupleId, "it takes no new reminders.");
            List<String> members = CoupleViewMember.memberIds(coupleId);
            if (!members.containsAll(recipients)) {
                throw ApiException.badRequest(
                        "recipients: only members of this relationship can receive its reminders.");
            }
            if (Reminder.count("coupleId", coupleId) >= config.maxPerCouple()) {
                throw ApiException.limitReached("A relationship can have at most " + config.maxPerCouple()
                        + " reminders; remove " + "one first. Fewer, well-timed reminders work better than many.");
            }
            ReminderLocks.remindersOf(recipients); // for planning them
        } else {
            // Counted under the owner's lock, so parallel requests cannot get past the cap.
            ReminderLocks.remindersOf(List.of(ownerId));
            Caps.refuseAtLimit(
                    config.maxPerPerson(),
                    () -> personalReminders(ownerId),
                    "A person can have at most " + config.maxPerPerson()
                            + " personal reminders; remove one first. Fewer, "
                            + "well-timed reminders work better than many.");
        }
        Instant now = clock.instant();
        Reminder reminder = new Reminder();
        reminder.id = UUID.randomUUID();
        reminder.ownerId = ownerId;
        reminder.coupleId = coupleId;
        reminder.kind = spec.kind();
        reminder.title = spec.title().strip();
        reminder.exerciseSlug = spec.exerciseSlug();
        reminder.rrule = schedule.rrule();
        reminder.startDate = spec.startDate();
        reminder.timeOfDay = spec.timeOfDay();
        reminder.zonePolicy = policy;
        reminder.fixedZone = spec.fixedZone();
        reminder.sharedMomentMinutes = spec.sharedMomentMinutes() == null
                ? null
                : spec.sharedMomentMinutes().shortValue();
        reminder.origin = spec.origin() == null ? Reminder.Origin.USER : spec.origin();
        reminder.createdAt = now;
        reminder.persist();
        List<ReminderRecipient> planned = new ArrayList<>();
        for (String partnerId : recipients) {
            ReminderRecipient recipient = new ReminderRecipient();
            recipient.reminderId = reminder.id;
            recipient.partnerId = partnerId;
            recipient.persist();
            planned.add(recipient);
        }
        // Planned once everyone is in: a shared moment depends on all recipients' calendars.
        planned.forEach(recipient -> planner.planNext(reminder, recipient, now));
        return reminder;
    }

    /**
     * Changes a reminder; when its schedule changed, replans every recipient from now, keeping skipped occurrences
     * skipped and held ones coming. The owner may edit; so may any member of the couple
     * a couple reminder belongs to (the defaults Hearth sets up belong to the couple).
     */
    @Transactional
    public Reminder update(UUID reminderId, String partnerId, Change change, IfMatch ifMatch) {
        Reminder reminder = ReminderLocks.reminder(reminderId);
        boolean mayEdit = reminder != null
                && (reminder.ownerId.equals(partnerId)
                        || reminder.coupleId != null && CoupleViewMember.isMember(reminder.coupleId, partnerId));
        if (!mayEdit) {
            throw ApiException.notFound("You have no reminder " + reminderId + ".");
        }
        if (reminder.coupleId != null) {
            ReminderLocks.activeCouple(reminder.coupleId, "its reminders can no longer change.");
        }
        ifMatch.check(reminder.version, "This reminder", reminder.coupleId != null);
        String rrule = change.rrule() == null ? reminder.rrule : change.rrule();
        LocalTime time = change.timeOfDay() == null ? reminder.timeOfDay : change.timeOfDay();
        LocalDate start = change.startDate() == null ? reminder.startDate : change.startDate();
        ReminderSchedule schedule = validSchedule(rrule, start, time);
        Reminder.ZonePolicy policy = change.zonePolicy() == null ? reminder.zonePolicy : change.zonePolicy();
        String zone = policy == Reminder.ZonePolicy.FOLLOW_ME
                ? null
                : change.fixedZone() == null ? reminder.fixedZone : change.fixedZone();
        if (policy == Reminder.ZonePolicy.FOLLOW_ME && change.fixedZone() != null) {
            throw ApiException.badRequest(
                    "fixedZone: only FIXED reminders take a zone; FOLLOW_ME ones follow each recipient.");
        }
        validZone(policy, zone);
        Short shared = reminder.sharedMomentMinutes;
        if (Boolean.FALSE.equals(change.sharedMoment())) {
            shared = null;
        } else if (change.sharedMomentMinutes() != null) {
            if (reminder.coupleId == null) {
                throw ApiException.badRequest("sharedMomentMinutes: a shared moment is for a couple reminder.");
            }
            shared = change.sharedMomentMinutes().shortValue();
        }
        if (change.title() != null) {
            reminder.title = change.title().strip();
        }
        boolean rescheduled = !schedule.rrule().equals(reminder.rrule)
                || !time.equals(reminder.timeOfDay)
                || !Objects.equals(start, reminder.startDate)
                || policy != reminder.zonePolicy
                || !Objects.equals(zone, reminder.fixedZone)
                || !Objects.equals(shared, reminder.sharedMomentMinutes);
        reminder.rrule = schedule.rrule();
        reminder.timeOfDay = time;
        reminder.startDate = start;
        reminder.zonePolicy = policy;
        reminder.fixedZone = zone;
        reminder.sharedMomentMinutes = shared;
        if (rescheduled) { // a new title moves nothing
            // The recipients' reminder locks before their rows: a calendar change replanning the same recipients
            // (ReminderLifecycle) takes the person's lock first too, so the two queue on it and never take each
            // other's rows in opposite orders (by reminder here, by person there), and it replans from this reminder
            // as changed, not as it was.
            ReminderLocks.remindersOf(Reminder.getEntityManager()
                    .createQuery(
                            "select r.partnerId from ReminderRecipient r " + "where r.reminderId = ?1", String.class)
                    .setParameter(1, reminderId)
                    .getResultList());
            Instant now = clock.instant();
            ReminderLocks.recipientsForReplanning("reminderId = ?1 order by partnerId", reminderId)
                    .forEach(recipient -> planner.replan(reminder, recipient, now));
        }
        return reminder;
    }

    private static ReminderSchedule validSchedule(String rrule, LocalDate start, LocalTime time) {
        try {
            return ReminderSchedule.of(rrule, start, time);
        } catch (InvalidScheduleException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static void validZone(Reminder.ZonePolicy policy, String fixedZone) {
        if (policy == Reminder.ZonePolicy.FIXED
                && (fixedZone == null || !ZoneId.getAvailableZoneIds().contains(fixedZone))) {
            throw ApiException.badRequest("fixedZone: a FIXED reminder needs an IANA time zone such as Europe/Paris"
                    + (fixedZone == null ? "." : "; '" + fixedZone + "' is not one."));
        }
        if (policy == Reminder.ZonePolicy.FOLLOW_ME && fixedZone != null) {
            throw ApiException.badRequest(
                    "fixedZone: only FIXED reminders take a zone; FOLLOW_ME ones follow each recipient.");
        }
    }

    /** A person's reminder settings (the defaults when they never changed them). */
    @Transactional
    public ReminderSettings settings(String partnerId) {
        ReminderSettings settings = ReminderSettings.findById(partnerId);
        if (settings == null) {
            settings = new ReminderSettings();
            settings.partnerId = partnerId;
        }
        return settings;
    }

    @Transactional
    public ReminderSettings changeSettings(String partnerId, Boolean partnerWaitingNudge, Boolean lockScreenDetails) {
        ReminderSettings settings = ReminderLocks.settings(partnerId);
        if (settings == null) {
            settings = new ReminderSettings();
            settings.partnerId = partnerId;
            settings.persist();
        }
        if (partnerWaitingNudge != null) {
            settings.partnerWaitingNudge = partnerWaitingNudge;
            if (!partnerWaitingNudge) {
                // Turning nudges off also cancels any already planned.
                PartnerNudge.delete("partnerId = ?1 and firedAt is null", partnerId);
            }
        }
        if (lockScreenDetails != null) {
            settings.lockScreenDetails = lockScreenDetails;
        }
        return settings;
    }

    /** Reminders the person receives, personal and couple ones. */
    @Transactional
    public List<Reminder> receivedBy(String partnerId) {
        List<UUID> ids = ReminderRecipient.<ReminderRecipient>list("partnerId", partnerId).stream()
                .map(r -> r.reminderId)
                .toList();
        return ids.isEmpty() ? List.of() : Reminder.list("id in ?1 order by createdAt, id", ids);
    }

    @Transactional
    public List<Reminder> ofCouple(UUID coupleId) {
        return Reminder.list("coupleId = ?1 order by createdAt, id", coupleId);
    }

    /** A reminder the person receives or owns; anything else does not exist for them. */
    @Transactional
    public Reminder visibleTo(UUID reminderId, String partnerId) {
        Reminder reminder = Reminder.findById(reminderId);
        if (reminder == null
                || !(reminder.ownerId.equals(partnerId)
                        || ReminderRecipient.findById(new ReminderRecipient.Key(reminderId, partnerId)) != null)) {
            throw ApiException.notFound("You have no reminder " + reminderId + ".");
        }
        return reminder;
    }

    @Transactional
    public List<ReminderRecipient> recipients(UUID reminderId) {
        return ReminderRecipient.list("reminderId = ?1 order by partnerId", reminderId);
    }

    /** The owner deletes a reminder for everyone; a recipient of a couple reminder stops receiving it. */
    @Transactional
    public void delete(UUID reminderId, String partnerId) {
        Reminder reminder = visibleTo(reminderId, partnerId);
        if (reminder.ownerId.equals(partnerId)) {
            reminder.delete();
        } else {
            ReminderRecipient.deleteById(new ReminderRecipient.Key(reminderId, partnerId));
        }
    }

    @Transactional
    public PageOf<Notification> inbox(String partnerId, PageRequest request) {
        var query = Notification.<Notification>find(
                "partnerId = ?1 and status <> ?2 order by firedAt desc, id", partnerId, Notification.Status.DISMISSED);
        return new PageOf<>(
                query.page(Page.of(request.page(), request.size())).list(),
                request.page(),
                request.size(),
                query.count());
    }

    /** Vacation: none of the person's reminders fire through {@code until} (a local date, at most a year ahead). */
    @Transactional
    public ReminderPause pause(String partnerId, LocalDate until) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (until.isBefore(today.minusDays(1)) || until.isAfter(today.plusDays(366))) {
            throw ApiException.badRequest("until: " + until + " must be between today and a year from now.");
        }
        ReminderPause pause = ReminderLocks.pause(partnerId);
        if (pause == null) {
            pause = new ReminderPause();
            pause.partnerId = partnerId;
            pause.untilDate = until;
            pause.pausedAt = now;
            pause.persist();
        } else {
            pause.untilDate = until;
            pause.pausedAt = now;
        }
        outbox.publish(ReminderEvents.PAUSED, partnerId, new ReminderEvents.RemindersPaused(partnerId, until, now));
        return pause;
    }

    @Transactional
    public void resume(String partnerId) {
        if (ReminderPause.deleteById(partnerId)) {
            outbox.publish(
                    ReminderEvents.RESUMED, partnerId, new ReminderEvents.RemindersResumed(partnerId, clock.instant()));
        }
    }

    /** Brings a notification back after {@code minutes} (10 minutes to 24 hours). */
    @Transactional
    public Notification snooze(UUID notificationId, String partnerId, int minutes) {
        Notification notification = mark(notificationId, partnerId, Notification.Status.SNOOZED);
        notification.snoozedUntil =
                clock.instant().plus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.SECONDS);
        return notification;
    }

    /** Skips the caller's next occurrence of a reminder; the one after it is planned. */
    @Transactional
    public ReminderRecipient skipNext(UUID reminderId, String partnerId) {
        visibleTo(reminderId, partnerId);
        ReminderRecipient recipient = ReminderLocks.recipient(reminderId, partnerId);
        if (recipient == null || recipient.occurrenceAt == null) {
            throw ApiException.conflict("nothing-to-skip", "This reminder has no upcoming occurrence for you.");
        }
        recipient.skippedThrough = recipient.occurrenceAt;
        planner.planNext(
                Reminder.findById(reminderId), recipient, recipient.occurrenceAt, PartnerView.findById(partnerId));
        return recipient;
    }

    @Transactional
    public Notification mark(UUID notificationId, String partnerId, Notification.Status status) {
        Notification notification = Notification.findById(notificationId);
        if (notification == null || !notification.partnerId.equals(partnerId)) {
            throw ApiException.notFound("You have no notification " + notificationId + ".");
        }
        notification.status = status;
        return notification;
    }
}
