package app.hearth.reminder;

import java.util.HashMap;
import java.util.Map;

/** Reminder bodies reminder-service's tests send again and again. */
final class ReminderApi {

    private ReminderApi() {}

    /** A daily gratitude reminder at {@code time} in Paris. */
    static Map<String, Object> daily(String time) {
        return new HashMap<>(Map.of(
                "kind",
                "GRATITUDE",
                "title",
                "Say one thing you appreciate",
                "rrule",
                "FREQ=DAILY",
                "timeOfDay",
                time,
                "zonePolicy",
                "FIXED",
                "fixedZone",
                "Europe/Paris",
                "startDate",
                "2026-11-01"));
    }
}
