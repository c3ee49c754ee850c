package app.hearth.reminder.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * When a reminder fires: an RFC 5545 RRULE (expanded by lib-recur) over local dates, at a local time of day, placed in
 * a time zone. The recurrence runs on the wall clock, so "every day at 20:00" stays at 20:00 across daylight saving.
 *
 * <p>Daylight-saving policy: a local time that does not exist (the spring-forward gap) fires at the first valid instant
 * after it, the end of the gap (02:30 on a night that jumps from 02:00 to 03:00 fires at 03:00); a local time that
 * exists twice (the fall-back overlap) fires once, at its first occurrence (the earlier offset).
 */
public final class ReminderSchedule {
    /** At most daily: minutely, hourly and the like are refused, and so are rules that fire several times a day. */
    static final Set<Freq> ALLOWED = EnumSet.of(Freq.DAILY, Freq.WEEKLY, Freq.MONTHLY, Freq.YEARLY);
    /** Bounds the search for a next occurrence (a rule may match rarely, e.g. every 29 February). */
    private static final int MAX_STEPS = 5000;

    /** The rule without its COUNT: occurrences are counted here, from the series' own start. */
    private final RecurrenceRule rule;

    private final String text;
    private final Integer count;
    private final LocalDate startDate;
    private final LocalTime timeOfDay;

    private ReminderSchedule(
            RecurrenceRule rule, String text, Integer count, LocalDate startDate, LocalTime timeOfDay) {
        this.rule = rule;
        this.text = text;
        this.count = count;
        this.startDate = startDate;
        this.timeOfDay = timeOfDay;
    }

    /**
     * Parses and checks a rule such as {@code FREQ=WEEKLY;BYDAY=MO,TH}; throws InvalidScheduleException with the reason.
     * {@code startDate} may be null: the series then starts when the reminder was created, in each recipient's zone
     * (see {@link #nextAfter(Instant, ZoneId, Instant)}), and COUNT and UNTIL count from there.
     */
    public static ReminderSchedule of(String rrule, LocalDate startDate, LocalTime timeOfDay) {
        if (rrule == null || rrule.isBlank()) {
            throw new InvalidScheduleException("rrule: required, for example FREQ=DAILY or FREQ=WEEKLY;BYDAY=MO,TH.");
        }
        String text = rrule.trim().toUpperCase().replaceFirst("^RRULE:", "");
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            throw new InvalidScheduleException(
                    "rrule: '" + rrule + "' is not a valid RFC 5545 rule: " + e.getMessage());
        }
        if (!ALLOWED.contains(rule.getFreq())) {
            throw new InvalidScheduleException(
                    "rrule: FREQ=" + rule.getFreq() + " would remind too often. Reminders repeat "
                            + "at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY).");
        }
        // Read RecurrenceRule.Part only after RecurrenceRule itself is initialised (lib-recur's class-init order).
        for (RecurrenceRule.Part part :
                List.of(RecurrenceRule.Part.BYHOUR, RecurrenceRule.Part.BYMINUTE, RecurrenceRule.Part.BYSECOND)) {
            if (rule.hasPart(part)) {
                throw new InvalidScheduleException(
                        "rrule: " + part + " is not accepted; the time of day is set with timeOfDay.");
            }
        }
        DateTime until = rule.getUntil();
        if (until != null) {
            if (!until.isAllDay()) {
                throw new InvalidScheduleException("rrule: give UNTIL as a local date (UNTIL=20261231); the reminder "
                        + "runs through that day in the recipient's own calendar.");
            }
            // Through that local day: the series is expanded on the wall clock, so the bound is a floating date-time.
            rule.setUntil(new DateTime(until.getYear(), until.getMonth(), until.getDayOfMonth(), 23, 59, 59));
        }
        if (rule.getInterval() < 1 || rule.getInterval() > 366) {
            throw new InvalidScheduleException("rrule: INTERVAL must be between 1 and 366.");
        }
        Integer count = rule.getCount();
        if (count != null && (count < 1 || count > 10_000)) {
            throw new InvalidScheduleException("rrule: COUNT must be between 1 and 10000.");
        }
        String canonical = rule.toString();
        RecurrenceRule uncounted = rule;
        if (count != null) {
            try {
                uncounted = new RecurrenceRule(
                        canonical.replaceAll("(^|;)COUNT=\\d+", "").replaceFirst("^;", ""),
                        RecurrenceRule.RfcMode.RFC5545_STRICT);
            } catch (InvalidRecurrenceRuleException e) {
                throw new InvalidScheduleException(
                        "rrule: '" + rrule + "' is not a valid RFC 5545 rule: " + e.getMessage());
            }
        }
        return new ReminderSchedule(
                uncounted, canonical, count, startDate, timeOfDay.withSecond(0).withNano(0));
    }

    /** The rule in its canonical text form. */
    public String rrule() {
        return text;
    }

    /**
     * The next local date-time of the series strictly after {@code after} (wall clock), if the series has one. The
     * series starts at {@code seriesStart}: occurrences before it do not exist, and COUNT counts from the first one
     * at or after it.
     */
    public Optional<LocalDateTime> nextLocalAfter(LocalDateTime after, LocalDateTime seriesStart) {
        LocalDate first = seriesStart.toLocalDate();
        RecurrenceRuleIterator occurrences = rule.iterator(new DateTime(
                first.getYear(),
                first.getMonthValue() - 1,
                first.getDayOfMonth(),
                timeOfDay.getHour(),
                timeOfDay.getMinute(),
                0));
        int counted = 0;
        for (int steps = 0; occurrences.hasNext() && steps < MAX_STEPS; steps++) {
            DateTime next = occurrences.nextDateTime();
            LocalDateTime local = LocalDateTime.of(
                    next.getYear(), next.getMonth() + 1, next.getDayOfMonth(), next.getHours(), next.getMinutes());
            if (local.isBefore(seriesStart)) {
                continue;
            }
            if (count != null && ++counted > count) {
                return Optional.empty();
            }
            if (local.isAfter(after)) {
                return Optional.of(local);
            }
        }
        return Optional.empty();
    }

    /** {@link #nextAfter(Instant, ZoneId, Instant)} for a schedule with a start date. */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        return nextAfter(after, zone, null);
    }

    /**
     * The next instant the reminder fires after {@code after}, in {@code zone}. The series starts on its start date,
     * or, without one, at {@code createdAt} on the recipient's wall clock. Local times are compared on the wall clock
     * one day back, so an occurrence pushed forward by a gap is not skipped.
     */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone, Instant createdAt) {
        LocalDateTime seriesStart = startDate != null
                ? startDate.atStartOfDay()
                : LocalDateTime.ofInstant(Objects.requireNonNull(createdAt, "a series without start date"), zone);
        LocalDateTime cursor = LocalDateTime.ofInstant(after, zone).minusDays(1);
        for (int i = 0; i < MAX_STEPS; i++) {
            Optional<LocalDateTime> local = nextLocalAfter(cursor, seriesStart);
            if (local.isEmpty()) {
                return Optional.empty();
            }
            Instant candidate = toInstant(local.get(), zone);
            if (candidate.isAfter(after)) {
                return Optional.of(candidate);
            }
            cursor = local.get();
        }
        return Optional.empty();
    }

    /** A wall-clock time in a zone, with the daylight-saving policy above. */
    public static Instant toInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant(); // the earlier offset in an overlap
    }

    /**
     * Holds an instant that falls inside quiet hours (local start to end, wrapping midnight when start is after end)
     * until they end; outside them it is returned unchanged. Equal start and end mean no quiet hours.
     */
    public static Instant holdForQuietHours(Instant instant, ZoneId zone, LocalTime quietStart, LocalTime quietEnd) {
        if (quietStart.equals(quietEnd)) {
            return instant;
        }
        ZonedDateTime at = instant.atZone(zone);
        LocalTime time = at.toLocalTime();
        boolean wraps = quietStart.isAfter(quietEnd);
        boolean quiet = wraps
                ? !time.isBefore(quietStart) || time.isBefore(quietEnd)
                : !time.isBefore(quietStart) && time.isBefore(quietEnd);
        if (!quiet) {
            return instant;
        }
        LocalDate endDate =
                wraps && !time.isBefore(quietStart) ? at.toLocalDate().plusDays(1) : at.toLocalDate();
        return toInstant(LocalDateTime.of(endDate, quietEnd), zone);
    }
}
