package app.hearth.reminder.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.reminder.service.SharedWindows.Calendar;
import app.hearth.reminder.service.SharedWindows.Interval;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedWindowsTest {
    private static final LocalTime TEN_PM = LocalTime.of(22, 0);
    private static final LocalTime SEVEN_AM = LocalTime.of(7, 0);

    @Test
    void tokyoAndLosAngelesShareEightHoursADay() {
        // Awake 07:00-22:00 each. Tokyo (UTC+9): 22:00Z to 13:00Z. Los Angeles (UTC-8 in November): 15:00Z to 06:00Z.
        // Both: 22:00Z to 06:00Z, i.e. 07:00-15:00 in Tokyo and 14:00-22:00 in Los Angeles.
        List<Interval> windows = SharedWindows.between(
                Instant.parse("2026-11-25T00:00:00Z"),
                Instant.parse("2026-11-27T00:00:00Z"),
                List.of(
                        new Calendar(ZoneId.of("Asia/Tokyo"), TEN_PM, SEVEN_AM),
                        new Calendar(ZoneId.of("America/Los_Angeles"), TEN_PM, SEVEN_AM)),
                30);
        assertThat(windows)
                .containsExactly(
                        new Interval(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-25T06:00:00Z")),
                        new Interval(Instant.parse("2026-11-25T22:00:00Z"), Instant.parse("2026-11-26T06:00:00Z")),
                        new Interval(Instant.parse("2026-11-26T22:00:00Z"), Instant.parse("2026-11-27T00:00:00Z")));
    }

    @Test
    void aDaytimeQuietSpellAndNoQuietHoursAtAll() {
        ZoneId utc = ZoneId.of("UTC");
        List<Interval> windows = SharedWindows.between(
                Instant.parse("2026-11-25T00:00:00Z"),
                Instant.parse("2026-11-26T00:00:00Z"),
                List.of(
                        new Calendar(utc, LocalTime.of(13, 0), LocalTime.of(15, 0)),
                        new Calendar(utc, LocalTime.NOON, LocalTime.NOON)),
                30);
        assertThat(windows)
                .containsExactly(
                        new Interval(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-25T13:00:00Z")),
                        new Interval(Instant.parse("2026-11-25T15:00:00Z"), Instant.parse("2026-11-26T00:00:00Z")));
    }

    @Test
    void partnersWhoseWakingHoursNeverMeetShareNothing() {
        // Awake 08:00-16:00 in both zones, twelve hours apart.
        LocalTime quietStart = LocalTime.of(16, 0);
        LocalTime quietEnd = LocalTime.of(8, 0);
        assertThat(SharedWindows.between(
                        Instant.parse("2026-11-25T00:00:00Z"),
                        Instant.parse("2026-11-28T00:00:00Z"),
                        List.of(
                                new Calendar(ZoneId.of("UTC"), quietStart, quietEnd),
                                new Calendar(ZoneId.of("Etc/GMT-12"), quietStart, quietEnd)),
                        30))
                .isEmpty();
    }
}
