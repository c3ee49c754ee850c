package app.hearth.reminder.service;

import app.hearth.membership.PartnerView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * When both partners of a long-distance couple are awake: the intersection of each one's waking hours (outside their
 * quiet hours, in their own zone) over a span of time. Pure computation; instants are UTC.
 */
public final class SharedWindows {

    public record Interval(Instant start, Instant end) {}

    /** A person's calendar for this purpose: their zone and quiet hours (start after end wraps midnight). */
    public record Calendar(ZoneId zone, LocalTime quietStart, LocalTime quietEnd) {}

    /** Assumed for someone whose quiet hours are not known here yet. */
    public static final LocalTime ASSUMED_QUIET_START = LocalTime.of(22, 0);

    public static final LocalTime ASSUMED_QUIET_END = LocalTime.of(7, 0);

    private SharedWindows() {}

    /** A person's calendar as this service knows it: UTC and 22:00-07:00 quiet hours until their profile arrives. */
    public static Calendar calendarOf(PartnerView view) {
        boolean known = view != null && view.quietHoursStart != null;
        return new Calendar(
                view == null ? ZoneId.of("UTC") : ZoneId.of(view.timeZone),
                known ? view.quietHoursStart : ASSUMED_QUIET_START,
                known ? view.quietHoursEnd : ASSUMED_QUIET_END);
    }

    /** The windows in [from, to) in which everyone is awake, at least {@code minMinutes} long. */
    public static List<Interval> between(Instant from, Instant to, List<Calendar> people, int minMinutes) {
        List<Interval> shared = List.of(new Interval(from, to));
        for (Calendar person : people) {
            shared = intersect(shared, awake(person, from, to));
        }
        return shared.stream()
                .filter(i -> i.end().getEpochSecond() - i.start().getEpochSecond() >= minMinutes * 60L)
                .toList();
    }

    /** A person's waking intervals overlapping [from, to), merged across midnight. */
    static List<Interval> awake(Calendar c, Instant from, Instant to) {
        List<Interval> out = new ArrayList<>();
        LocalDate first = LocalDateTime.ofInstant(from, c.zone()).toLocalDate().minusDays(1);
        LocalDate last = LocalDateTime.ofInstant(to, c.zone()).toLocalDate().plusDays(1);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (c.quietStart().equals(c.quietEnd())) {
                add(out, at(day, LocalTime.MIDNIGHT, c), at(day.plusDays(1), LocalTime.MIDNIGHT, c));
            } else if (c.quietStart().isAfter(c.quietEnd())) {
                // Quiet from the evening into the morning: awake from its end to its start, the same day.
                add(out, at(day, c.quietEnd(), c), at(day, c.quietStart(), c));
            } else {
                // Quiet inside the day: awake before and after it.
                add(out, at(day, LocalTime.MIDNIGHT, c), at(day, c.quietStart(), c));
                add(out, at(day, c.quietEnd(), c), at(day.plusDays(1), LocalTime.MIDNIGHT, c));
            }
        }
        return intersect(out, List.of(new Interval(from, to)));
    }

    private static Instant at(LocalDate day, LocalTime time, Calendar c) {
        return ReminderSchedule.toInstant(LocalDateTime.of(day, time), c.zone());
    }

    private static void add(List<Interval> intervals, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return;
        }
        if (!intervals.isEmpty() && !intervals.get(intervals.size() - 1).end().isBefore(start)) {
            Interval last = intervals.remove(intervals.size() - 1);
            intervals.add(new Interval(last.start(), end.isAfter(last.end()) ? end : last.end()));
        } else {
            intervals.add(new Interval(start, end));
        }
    }

    /** Intersection of two sorted, disjoint interval lists. */
    static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant start = a.get(i).start().isAfter(b.get(j).start())
                    ? a.get(i).start()
                    : b.get(j).start();
            Instant end = a.get(i).end().isBefore(b.get(j).end())
                    ? a.get(i).end()
                    : b.get(j).end();
            if (end.isAfter(start)) {
                out.add(new Interval(start, end));
            }
            if (a.get(i).end().isBefore(b.get(j).end())) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }
}
