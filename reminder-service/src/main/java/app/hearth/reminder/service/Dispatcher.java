package app.hearth.reminder.service;

import app.hearth.events.ReminderEvents;
import app.hearth.events.ReminderEvents.Kind;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.CoupleView;
import app.hearth.membership.PartnerView;
import app.hearth.platform.messaging.Outbox;
import app.hearth.platform.runtime.PeriodicWork;
import app.hearth.reminder.Notification;
import app.hearth.reminder.PartnerNudge;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderPause;
import app.hearth.reminder.ReminderRecipient;
import app.hearth.reminder.ReminderSettings;
import app.hearth.reminder.config.ReminderConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fires due reminders and nudges. Runs in every replica: each batch claims due rows with {@code FOR UPDATE SKIP
 * LOCKED}, so two replicas never take the same row, and the notification's unique key (reminder, occurrence,
 * recipient) is the last guard. A replica that dies mid-batch rolls back; its rows are due again for the next pass of
 * any replica. Everything a batch needs is read per batch, not per row.
 */
@ApplicationScoped
public class Dispatcher {
    static final int BATCH = 500;
    static final String PARTNER_WAITING_TITLE = "Your partner has checked in. Whenever you're ready, it's your turn.";

    @Inject
    Clock clock;

    @Inject
    PeriodicWork work;

    @Inject
    Outbox outbox;

    @Inject
    SchedulePlanner planner;

    @Inject
    NotificationWriter notifications;

    @Inject
    ReminderConfig config;

    private io.micrometer.core.instrument.Counter missed;
    private io.micrometer.core.instrument.Timer lateness;

    @Inject
    void metrics(MeterRegistry registry) {
        missed = io.micrometer.core.instrument.Counter.builder("hearth_reminders_missed_total")
                .description("occurrences skipped because they came due longer ago than the catch-up grace window")
                .register(registry);
        // A histogram, so alerts can take the p99 across replicas (histogram_quantile over the buckets).
        lateness = io.micrometer.core.instrument.Timer.builder("hearth.reminders.lateness")
                .description("From when an occurrence was due to fire to when it fired")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry);
    }

    @Scheduled(
            every = "${hearth.reminders.dispatch-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        work.run("reminder-dispatcher", Duration.ofMinutes(2), () -> dispatchDue());
    }

    /** Fires everything due now, batch by batch; returns how many notifications were created or brought back. */
    public int dispatchDue() {
        int fired = QuarkusTransaction.requiringNew().call(this::wakeSnoozed);
        fired += QuarkusTransaction.requiringNew().call(this::dispatchNudges);
        while (true) {
            int[] batch = QuarkusTransaction.requiringNew().call(this::dispatchBatch);
            fired += batch[1];
            if (batch[0] < BATCH) {
                return fired;
            }
        }
    }

    /** Returns {rows claimed, notifications created}. */
    private int[] dispatchBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<ReminderRecipient> due = Panache.getEntityManager()
                .createNativeQuery("""
                        select * from reminder_recipient
                        where next_fire_at <= ?1 order by next_fire_at limit ?2 for update skip locked""", ReminderRecipient.class)
                .setParameter(1, now)
                .setParameter(2, BATCH)
                .getResultList();
        if (due.isEmpty()) {
            return new int[] {0, 0};
        }
        Batch batch = Batch.load(due);
        // Occurrences missed while nothing ran (downtime, a lost replica): only the latest one that came due fires,
        // and only within the grace window; older ones are skipped, so nobody gets a burst of catch-up notifications.
        Map<ReminderRecipient, Instant> firing = new LinkedHashMap<>();
        for (ReminderRecipient recipient : due) {
            Reminder reminder = batch.reminders.get(recipient.reminderId);
            Instant occurrence = recipient.occurrenceAt;
            Instant fireAt = recipient.nextFireAt;
            PartnerView calendar = batch.calendars.get(recipient.partnerId);
            planner.planAfter(reminder, recipient, occurrence, calendar);
            while (recipient.nextFireAt != null && !recipient.nextFireAt.isAfter(now)) {
                missed.increment(); // an older occurrence, passed over for a later one that also came due
                occurrence = recipient.occurrenceAt;
                fireAt = recipient.nextFireAt;
                planner.planAfter(reminder, recipient, occurrence, calendar);
            }
            if (Duration.between(fireAt, now).compareTo(config.catchUpGrace()) <= 0) {
                firing.put(recipient, occurrence);
                lateness.record(Duration.between(fireAt, now));
            } else {
                missed.increment();
            }
        }
        batch.loadCheckIns(firing);
        List<NotificationWriter.Draft> drafts = new ArrayList<>();
        firing.forEach((recipient, occurrence) -> {
            Reminder reminder = batch.reminders.get(recipient.reminderId);
            if (!batch.onVacation(recipient.partnerId, occurrence)
                    && !batch.alreadyCheckedIn(reminder, recipient.partnerId, occurrence)) {
                drafts.add(new NotificationWriter.Draft(
                        reminder.id,
                        Notification.Source.REMINDER,
                        recipient.partnerId,
                        reminder.coupleId,
                        reminder.kind,
                        reminder.title,
                        reminder.exerciseSlug,
                        occurrence,
                        now));
            }
        });
        // Only what this pass created is announced: a notification that already existed had already been announced.
        List<NotificationWriter.Draft> created = notifications.createAll(drafts);
        outbox.publishAll(
                ReminderEvents.FIRED,
                created.stream()
                        .map(d -> new Outbox.Keyed<>(
                                d.coupleId() != null ? d.coupleId().toString() : d.partnerId(),
                                new ReminderEvents.ReminderFired(
                                        d.reminderId().toString(),
                                        d.partnerId(),
                                        d.coupleId() == null
                                                ? null
                                                : d.coupleId().toString(),
                                        d.kind(),
                                        d.exerciseSlug(),
                                        d.occurrenceAt(),
                                        d.firedAt())))
                        .toList());
        return new int[] {due.size(), created.size()};
    }

    /** What one batch needs, read in a handful of queries (the entities stay in the persistence context). */
    private record Batch(
            Map<UUID, Reminder> reminders,
            Map<String, PartnerView> calendars,
            Map<String, ReminderPause> pauses,
            Map<UUID, CoupleView> couples,
            Set<String> checkIns) {

        static Batch load(List<ReminderRecipient> due) {
            Set<UUID> reminderIds = due.stream().map(r -> r.reminderId).collect(Collectors.toSet());
            Set<String> partnerIds = due.stream().map(r -> r.partnerId).collect(Collectors.toSet());
            Map<UUID, Reminder> reminders = Reminder.<Reminder>list("id in ?1", reminderIds).stream()
                    .collect(Collectors.toMap(r -> r.id, Function.identity()));
            Map<String, PartnerView> calendars = PartnerView.<PartnerView>list("partnerId in ?1", partnerIds).stream()
                    .collect(Collectors.toMap(p -> p.partnerId, Function.identity()));
            Map<String, ReminderPause> pauses =
                    ReminderPause.<ReminderPause>list("partnerId in ?1", partnerIds).stream()
                            .collect(Collectors.toMap(p -> p.partnerId, Function.identity()));
            Set<UUID> checkInCouples = reminders.values().stream()
                    .filter(r -> r.kind == Kind.CHECK_IN && r.coupleId != null)
                    .map(r -> r.coupleId)
                    .collect(Collectors.toSet());
            Map<UUID, CoupleView> couples = checkInCouples.isEmpty()
                    ? Map.of()
                    : CoupleView.<CoupleView>list("coupleId in ?1", checkInCouples).stream()
                            .collect(Collectors.toMap(c -> c.coupleId, Function.identity()));
            return new Batch(reminders, calendars, pauses, couples, new HashSet<>());
        }

        /** Which of the firing occurrences' members already checked in for that occurrence's period. */
        void loadCheckIns(Map<ReminderRecipient, Instant> firing) {
            Set<String> periods = firing.entrySet().stream()
                    .map(e -> checkInPeriod(reminders.get(e.getKey().reminderId), e.getKey().partnerId, e.getValue()))
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            if (!periods.isEmpty()) {
                Set<String> partnerIds =
                        firing.keySet().stream().map(r -> r.partnerId).collect(Collectors.toSet());
                @SuppressWarnings("unchecked")
                List<Object[]> rows = Panache.getEntityManager()
                        .createNativeQuery("""
                                select couple_id, partner_id, period from check_in_submission
                                where couple_id in (?1) and partner_id in (?2) and period in (?3)""")
                        .setParameter(1, couples.keySet())
                        .setParameter(2, partnerIds)
                        .setParameter(3, periods)
                        .getResultList();
                rows.forEach(row -> checkIns.add(row[0] + " " + row[1] + " " + row[2]));
            }
        }

        /** A paused person's occurrences through their pause date are skipped (not delivered when they come back). */
        boolean onVacation(String partnerId, Instant occurrence) {
            return Dispatcher.onVacation(pauses.get(partnerId), calendars.get(partnerId), occurrence);
        }

        /** No nagging: a couple's check-in reminder is dropped for a member who already checked in this period. */
        boolean alreadyCheckedIn(Reminder reminder, String partnerId, Instant occurrence) {
            String period = checkInPeriod(reminder, partnerId, occurrence);
            return period != null && checkIns.contains(reminder.coupleId + " " + partnerId + " " + period);
        }

        /** The recipient's check-in period this occurrence falls in; null unless it is a couple's check-in reminder. */
        String checkInPeriod(Reminder reminder, String partnerId, Instant occurrence) {
            CoupleView couple =
                    reminder.kind == Kind.CHECK_IN && reminder.coupleId != null ? couples.get(reminder.coupleId) : null;
            return couple == null
                    ? null
                    : CheckInPeriods.periodOf(occurrence, calendars.get(partnerId), couple.checkInCadence);
        }
    }

    /** A person on vacation gets nothing for days through their pause date (not delivered when they come back). */
    static boolean onVacation(ReminderPause pause, PartnerView calendar, Instant at) {
        if (pause == null) {
            return false;
        }
        ZoneId zone = ZoneId.of(calendar == null ? "UTC" : calendar.timeZone);
        return !at.atZone(zone).toLocalDate().isAfter(pause.untilDate);
    }

    /**
     * "Your partner is waiting", once per period: sent only if the member still has not checked in, still wants
     * nudges, the relationship is active and the period is still theirs to fill; otherwise quietly dropped.
     */
    private int dispatchNudges() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<PartnerNudge> due = Panache.getEntityManager()
                .createNativeQuery("""
                        select * from partner_nudge where fired_at is null and due_at <= ?1
                        order by due_at limit ?2 for update skip locked""", PartnerNudge.class)
                .setParameter(1, now)
                .setParameter(2, BATCH)
                .getResultList();
        int created = 0;
        for (PartnerNudge nudge : due) {
            PartnerView calendar = PartnerView.findById(nudge.partnerId);
            Instant quietUntil = calendar == null || calendar.quietHoursStart == null
                    ? now
                    : ReminderSchedule.holdForQuietHours(
                            now, ZoneId.of(calendar.timeZone), calendar.quietHoursStart, calendar.quietHoursEnd);
            if (quietUntil.isAfter(now)) {
                nudge.dueAt = quietUntil; // their quiet hours (perhaps changed since it was planned) come first
                continue;
            }
            nudge.firedAt = now;
            CoupleView couple = CoupleView.findById(nudge.coupleId);
            if (couple == null
                    || !couple.isActive()
                    || !ReminderSettings.wantsPartnerWaitingNudge(nudge.partnerId)
                    || onVacation(ReminderPause.findById(nudge.partnerId), calendar, now)
                    || CheckInNudges.submitted(nudge.coupleId, nudge.partnerId, nudge.period)
                    || !nudge.period.equals(CheckInPeriods.periodOf(now, calendar, couple.checkInCadence))) {
                continue;
            }
            if (notifications.create(new NotificationWriter.Draft(
                    null,
                    Notification.Source.PARTNER_WAITING,
                    nudge.partnerId,
                    nudge.coupleId,
                    Kind.CHECK_IN,
                    PARTNER_WAITING_TITLE,
                    null,
                    nudge.dueAt,
                    now))) {
                created++;
            }
        }
        return created;
    }

    /** Brings snoozed notifications back to the inbox when their snooze is over. */
    private int wakeSnoozed() {
        return Panache.getEntityManager()
                .createNativeQuery("""
                        update notification set status = 'UNREAD', fired_at = ?1, snoozed_until = null
                        where id in (select id from notification where status = 'SNOOZED' and snoozed_until <= ?1
                                     order by snoozed_until limit 500 for update skip locked)""")
                .setParameter(1, clock.instant())
                .executeUpdate();
    }
}
