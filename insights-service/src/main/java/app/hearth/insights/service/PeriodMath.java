package app.hearth.insights.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Check-in periods as labels: a day ({@code 2026-11-25}) or an ISO week ({@code 2026-W48}). */
public final class PeriodMath {

    private PeriodMath() {}

    public static boolean isWeek(String period) {
        return period.contains("W");
    }

    /** The first day of the period. */
    public static LocalDate start(String period) {
        if (!isWeek(period)) {
            return LocalDate.parse(period);
        }
        int year = Integer.parseInt(period.substring(0, 4));
        int week = Integer.parseInt(period.substring(6));
        return LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(DayOfWeek.MONDAY);
    }

    /** The last day of the period. */
    public static LocalDate end(String period) {
        return isWeek(period) ? start(period).plusDays(6) : start(period);
    }

    public static String of(LocalDate day, boolean weekly) {
        return weekly
                ? String.format(
                        "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
                : day.toString();
    }

    public static String previous(String period) {
        return of(start(period).minusDays(isWeek(period) ? 7 : 1), isWeek(period));
    }

    /** The {@code n} periods ending with {@code current}, oldest first. */
    public static List<String> lastN(String current, int n) {
        List<String> periods = new ArrayList<>(n);
        String period = current;
        for (int i = 0; i < n; i++) {
            periods.add(period);
            period = previous(period);
        }
        Collections.reverse(periods);
        return periods;
    }
}
