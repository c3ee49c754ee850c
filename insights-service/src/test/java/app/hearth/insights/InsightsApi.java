package app.hearth.insights;

import java.util.Map;

/** Request bodies insights-service's tests send to its peers again and again. */
final class InsightsApi {

    private InsightsApi() {}

    static Map<String, Object> checkIn(int closeness, int satisfaction, String screenTime) {
        return Map.of(
                "mood",
                "CONTENT",
                "moodIntensity",
                3,
                "closeness",
                closeness,
                "satisfaction",
                satisfaction,
                "screenTime",
                screenTime,
                "gratitude",
                "a private thought that must never reach insights");
    }
}
