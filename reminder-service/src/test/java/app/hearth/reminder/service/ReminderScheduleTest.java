package app.hearth.reminder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected instants are computed by hand from the published rules, not by java.time: New York springs forward on
 * 14 March 2027 (02:00 EST to 03:00 EDT) and falls back on 1 November 2026 (02:00 EDT to 01:00 EST); Berlin on
 * 28 March 2027 (02:00 CET to 03:00 CEST) and 25 October 2026 (03:00 CEST to 02:00 CET); Lord Howe Island shifts by
 * thirty minutes, from 02:00 to 02:30 (+10:30 to +11:00) on 4 October 2026 and from 02:00 back to 01:30 on 4 April 2027.
 */
class ReminderScheduleTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    private static List<Instant> firings(ReminderSchedule schedule, ZoneId zone, Instant from, int count) {
        List<Instant> out = new ArrayList<>();
        Instant cursor = from;
        for (int i = 0; i < count; i++) {
            Instant next = schedule.nextAfter(cursor, zone).orElseThrow();
            out.add(next);
            cursor = next;
        }
        return out;
    }

    @Test
    void newYorkSpringForwardGapFiresAtTheEndOfTheGap() {
        ReminderSchedule daily = ReminderSchedule.of("FREQ=DAILY", LocalDate.of(2027, 3, 1), LocalTime.of(2, 30));
        assertThat(firings(daily, NEW_YORK, Instant.parse("2027-03-13T12:00:00Z"), 2))
                .containsExactly(
                        Instant.parse("2027-03-14T07:00:00Z"), // 02:30 does not exist: 03:00 EDT (UTC-4)
                        Instant.parse("2027-03-15T06:30:00Z")); // 02:30 EDT
    }

    @Test
    void newYorkFallBackOverlapFiresOnceAtTheFirstOccurrence() {
        ReminderSchedule daily = ReminderSchedule.of("FREQ=DAILY", LocalDate.of(2026, 10, 1), LocalTime.of(1, 30));
        assertThat(firings(daily, NEW_YORK, Instant.parse("2026-10-31T12:00:00Z"), 2))
                .containsExactly(
                        Instant.parse("2026-11-01T05:30:00Z"), // 01:30 EDT (UTC-4), the first of the two
                        Instant.parse("2026-11-02T06:30:00Z")); // 01:30 EST (UTC-5)
    }

    @Test
    void berlinGapAndOverlap() {
        ReminderSchedule daily = ReminderSchedule.of("FREQ=DAILY", LocalDate.of(2026, 1, 1), LocalTime.of(2, 30));
        assertThat(firings(daily, BERLIN, Instant.parse("2026-10-24T12:00:00Z"), 2))
                .containsExactly(
                        Instant.parse("2026-10-25T00:30:00Z"), // 02:30 CEST (UTC+2), once
                        Instant.parse("2026-10-26T01:30:00Z")); // 02:30 CET (UTC+1)
        assertThat(firings(daily, BERLIN, Instant.parse("2027-03-27T12:00:00Z"), 2))
                .containsExactly(
                        Instant.parse("2027-03-28T01:00:00Z"), // 02:30 missing: 03:00 CEST
                        Instant.parse("2027-03-29T00:30:00Z"));
    }

    @Test
    void lordHoweShiftsByHalfAnHour() {
        ReminderSchedule gap = ReminderSchedule.of("FREQ=DAILY", LocalDate.of(2026, 9, 1), LocalTime.of(2, 15));
        assertThat(firings(gap, LORD_HOWE, Instant.parse("2026-10-03T00:00:00Z"), 2))
                .containsExactly(
                        Instant.parse("2026-10-03T15:30:00Z"), // 02:15 missing: 02:30 at +11:00
                        Instant.parse("2026-10-04T15:15:00Z")); // 02:15 at +11:00
        ReminderSchedule overlap = ReminderSchedule.of("FREQ=DAILY", LocalDate.of(2027, 3, 1), LocalTime.of(1, 45));
        assertThat(firings(overlap, LORD_HOWE, Instant.parse("2027-04-03T00:00:00Z"), 2))
                .containsExactly(
                        Instant.parse("2027-04-03T14:45:00Z"), // 01:45 at +11:00, the first of the two
                        Instant.parse("2027-04-04T15:15:00Z")); // 01:45 at +10:30
    }

    @Test
    void weeklyOnDaysMonthlyCountAndUntil() {
        ReminderSchedule weekly =
                ReminderSchedule.of("FREQ=WEEKLY;BYDAY=MO,TH", LocalDate.of(2026, 11, 23), LocalTime.of(20, 0));
        assertThat(firings(weekly, ZoneId.of("Europe/Paris"), Instant.parse("2026-11-24T00:00:00Z"), 3))
                .containsExactly(
                        Instant.parse("2026-11-26T19:00:00Z"),
                        Instant.parse("2026-11-30T19:00:00Z"),
                        Instant.parse("2026-12-03T19:00:00Z"));

        ReminderSchedule monthly =
                ReminderSchedule.of("FREQ=MONTHLY;BYMONTHDAY=1;COUNT=2", LocalDate.of(2026, 12, 1), LocalTime.of(9, 0));
        ZoneId utc = ZoneId.of("UTC");
        assertThat(firings(monthly, utc, Instant.parse("2026-11-01T00:00:00Z"), 2))
                .containsExactly(Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2027-01-01T09:00:00Z"));
        assertThat(monthly.nextAfter(Instant.parse("2027-01-01T09:00:00Z"), utc))
                .isEmpty();

        // Without a start date the series starts at creation, on the recipient's wall clock: COUNT counts from there.
        ReminderSchedule three = ReminderSchedule.of("FREQ=DAILY;COUNT=3", null, LocalTime.of(20, 0));
        Instant created = Instant.parse("2026-11-25T20:30:00Z"); // 21:30 in Paris: today's 20:00 is already past
        ZoneId paris = ZoneId.of("Europe/Paris");
        List<Instant> fires = new ArrayList<>();
        for (Instant at = created; ; ) {
            Optional<Instant> next = three.nextAfter(at, paris, created);
            if (next.isEmpty()) {
                break;
            }
            fires.add(next.get());
            at = next.get();
        }
        assertThat(fires)
                .containsExactly(
                        Instant.parse("2026-11-26T19:00:00Z"),
                        Instant.parse("2026-11-27T19:00:00Z"),
                        Instant.parse("2026-11-28T19:00:00Z"));
        assertThat(three.rrule()).contains("COUNT=3");
        // In Tokyo the same creation instant is 05:30 the next morning: three from there.
        assertThat(three.nextAfter(created, ZoneId.of("Asia/Tokyo"), created))
                .contains(Instant.parse("2026-11-26T11:00:00Z"));
        ReminderSchedule weeklyFromNow =
                ReminderSchedule.of("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261207", null, LocalTime.of(9, 0));
        assertThat(weeklyFromNow.nextAfter(created, utc, created)).contains(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(weeklyFromNow.nextAfter(Instant.parse("2026-11-30T09:00:00Z"), utc, created))
                .contains(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(weeklyFromNow.nextAfter(Instant.parse("2026-12-07T09:00:00Z"), utc, created))
                .isEmpty();

        ReminderSchedule until =
                ReminderSchedule.of("FREQ=DAILY;UNTIL=20261203", LocalDate.of(2026, 12, 1), LocalTime.of(8, 0));
        assertThat(until.nextAfter(Instant.parse("2026-12-03T08:00:00Z"), utc)).isEmpty();
    }

    @Test
    void aTravellersRemindersFollowTheirNewClock() {
        ReminderSchedule daily = ReminderSchedule.of("FREQ=DAILY", LocalDate.of(2026, 11, 1), LocalTime.of(21, 0));
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        assertThat(daily.nextAfter(now, ZoneId.of("Europe/Paris"))).contains(Instant.parse("2026-11-25T20:00:00Z"));
        assertThat(daily.nextAfter(now, ZoneId.of("Asia/Tokyo"))).contains(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void quietHoursHoldAnOccurrenceUntilTheyEnd() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        LocalTime start = LocalTime.of(22, 0);
        LocalTime end = LocalTime.of(7, 0);
        // 23:30 Paris (UTC+1) is held to 07:00 the next morning.
        assertThat(ReminderSchedule.holdForQuietHours(Instant.parse("2026-11-25T22:30:00Z"), paris, start, end))
                .isEqualTo(Instant.parse("2026-11-26T06:00:00Z"));
        // 06:30 is held to 07:00 the same morning.
        assertThat(ReminderSchedule.holdForQuietHours(Instant.parse("2026-11-26T05:30:00Z"), paris, start, end))
                .isEqualTo(Instant.parse("2026-11-26T06:00:00Z"));
        // 21:59 and 07:00 are outside.
        assertThat(ReminderSchedule.holdForQuietHours(Instant.parse("2026-11-25T20:59:00Z"), paris, start, end))
                .isEqualTo(Instant.parse("2026-11-25T20:59:00Z"));
        assertThat(ReminderSchedule.holdForQuietHours(Instant.parse("2026-11-26T06:00:00Z"), paris, start, end))
                .isEqualTo(Instant.parse("2026-11-26T06:00:00Z"));
        // A daytime window that does not wrap; equal ends mean none.
        assertThat(ReminderSchedule.holdForQuietHours(
                        Instant.parse("2026-11-25T12:30:00Z"), paris, LocalTime.of(13, 0), LocalTime.of(15, 0)))
                .isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));
        assertThat(ReminderSchedule.holdForQuietHours(Instant.parse("2026-11-25T22:30:00Z"), paris, start, start))
                .isEqualTo(Instant.parse("2026-11-25T22:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "FREQ=MINUTELY",
                "FREQ=HOURLY",
                "FREQ=SECONDLY",
                "FREQ=DAILY;BYHOUR=8,12,18",
                "FREQ=DAILY;BYMINUTE=0,30",
                "every day",
                "FREQ=WEEKLY;BYDAY=XX",
                "",
                "FREQ=DAILY;UNTIL=20261203T080000Z"
            })
    void tooFrequentOrMalformedRulesAreRefusedWithAReason(String rrule) {
        assertThatThrownBy(() -> ReminderSchedule.of(rrule, LocalDate.of(2026, 1, 1), LocalTime.NOON))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("rrule");
    }
}
