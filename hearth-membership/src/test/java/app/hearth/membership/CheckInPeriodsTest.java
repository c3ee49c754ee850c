package app.hearth.membership;

import static app.hearth.events.CoupleEvents.CheckInCadence.DAILY;
import static app.hearth.events.CoupleEvents.CheckInCadence.WEEKLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CheckInPeriodsTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void aNightOwlsDayRunsUntilTheirStartOfDayHour() {
        // 01:30 on Wednesday in Tokyo, day starting at 04:00: still Tuesday.
        Instant lateTuesday = Instant.parse("2026-11-24T16:30:00Z");
        assertThat(CheckInPeriods.periodOf(lateTuesday, TOKYO, 4, DAILY)).isEqualTo("2026-11-24");
        assertThat(CheckInPeriods.periodOf(lateTuesday, TOKYO, 0, DAILY)).isEqualTo("2026-11-25");
    }

    @Test
    void partnersOnTwoContinentsShareAWeekAndSometimesADay() {
        // Wednesday 15:00 UTC: Thursday 00:00 in Tokyo (still Wednesday with a 04:00 start), Wednesday 07:00 in LA.
        Instant wednesday = Instant.parse("2026-11-25T15:00:00Z");
        assertThat(CheckInPeriods.periodOf(wednesday, TOKYO, 4, DAILY)).isEqualTo("2026-11-25");
        assertThat(CheckInPeriods.periodOf(wednesday, LOS_ANGELES, 4, DAILY)).isEqualTo("2026-11-25");
        assertThat(CheckInPeriods.periodOf(wednesday, TOKYO, 4, WEEKLY)).isEqualTo("2026-W48");
        assertThat(CheckInPeriods.periodOf(wednesday, LOS_ANGELES, 4, WEEKLY)).isEqualTo("2026-W48");
        // Late Sunday in LA is already Monday of the next week in Tokyo.
        Instant sunday = Instant.parse("2026-11-30T01:00:00Z");
        assertThat(CheckInPeriods.periodOf(sunday, LOS_ANGELES, 4, WEEKLY)).isEqualTo("2026-W48");
        assertThat(CheckInPeriods.periodOf(sunday, TOKYO, 4, WEEKLY)).isEqualTo("2026-W49");
    }

    @Test
    void isoWeeksCrossYearBoundaries() {
        assertThat(CheckInPeriods.periodOf(Instant.parse("2027-01-01T12:00:00Z"), ZoneId.of("UTC"), 0, WEEKLY))
                .isEqualTo("2026-W53");
        assertThat(CheckInPeriods.periodOf(Instant.parse("2025-12-29T12:00:00Z"), ZoneId.of("UTC"), 0, WEEKLY))
                .isEqualTo("2026-W01");
    }

    @Test
    void periodKeysAreValidated() {
        assertThat(CheckInPeriods.isValid("2026-11-24")).isTrue();
        assertThat(CheckInPeriods.isValid("2026-W48")).isTrue();
        assertThat(CheckInPeriods.isValid("2026-48")).isFalse();
        assertThat(CheckInPeriods.isValid("last week")).isFalse();
    }
}
