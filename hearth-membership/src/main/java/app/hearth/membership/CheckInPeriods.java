package app.hearth.membership;

import app.hearth.events.CoupleEvents.CheckInCadence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.regex.Pattern;

/**
 * Check-in periods in a partner's own calendar. The day starts at the partner's start-of-day hour, so a check-in at
 * 01:30 by someone whose day starts at 04:00 belongs to the evening before. A weekly period is the ISO week
 * (Monday to Sunday) of that local date.
 */
public final class CheckInPeriods {
    private static final Pattern DAILY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern WEEKLY = Pattern.compile("\\d{4}-W\\d{2}");

    private CheckInPeriods() {}

    /** The local date of {@code instant} for someone in {@code zone} whose day starts at {@code startOfDayHour}. */
    public static LocalDate localDay(Instant instant, ZoneId zone, int startOfDayHour) {
        return instant.atZone(zone).minusHours(startOfDayHour).toLocalDate();
    }

    public static String periodOf(Instant instant, ZoneId zone, int startOfDayHour, CheckInCadence cadence) {
        LocalDate day = localDay(instant, zone, startOfDayHour);
        return cadence == CheckInCadence.DAILY
                ? day.toString()
                : String.format(
                        "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The period of {@code instant} in a partner's calendar (UTC and midnight until their profile is known). */
    public static String periodOf(Instant instant, PartnerView calendar, CheckInCadence cadence) {
        return calendar == null
                ? periodOf(instant, ZoneId.of("UTC"), 0, cadence)
                : periodOf(instant, ZoneId.of(calendar.timeZone), calendar.startOfDayHour, cadence);
    }

    public static boolean isValid(String period) {
        return period != null
                && (DAILY.matcher(period).matches() || WEEKLY.matcher(period).matches());
    }
}
