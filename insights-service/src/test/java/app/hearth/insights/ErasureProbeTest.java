package app.hearth.insights;

import static app.hearth.insights.InsightsApi.checkIn;
import static app.hearth.testsupport.Api.as;
import static app.hearth.testsupport.Api.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.EventJson;
import app.hearth.testsupport.DatabaseScan;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestKeyring;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One person uses every service for real (four running services, one Kafka, one PostgreSQL), exports everything in
 * one call, then erases themself: afterwards no table of any service's database holds their id or their name, and
 * every service refuses their token.
 */
@QuarkusTest
class ErasureProbeTest {

    @TestHTTPResource("/")
    URL insights;

    @Test
    void aPersonWhoUsedEveryServiceExportsEverythingThenLeavesNoTrace() throws Exception {
        String couples = PeerServices.url("couple-service");
        String exercises = PeerServices.url("exercise-service");
        String reminders = PeerServices.url("reminder-service");
        String insightsUrl = insights.toString().replaceAll("/$", "");
        String name =
                "Probe" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 6);
        Person probe = TestUsers.create(name);
        Person partner = TestUsers.create("Pat");

        as(probe)
                .body(Map.of("displayName", name + " Q", "timeZone", "Europe/Rome"))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(200);
        // In one zone, so both check-ins land in the same week whatever the hour the test runs at (at the start of a
        // week, partners whose days have not both begun submit into different periods: see the issue notes).
        as(partner)
                .body(Map.of("timeZone", "Europe/Rome"))
                .patch(couples + "/v1/me")
                .then()
                .statusCode(200);
        String couple = pair(couples, probe, partner, "ROMANTIC");
        Map<String, Object> answers = new HashMap<>(checkIn(5, 7, "UNDER_1H"));
        answers.put("privateNote", name + " private note");
        as(probe)
                .body(answers)
                .post(exercises + "/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201);
        as(partner)
                .body(checkIn(6, 8, "UNDER_1H"))
                .post(exercises + "/v1/couples/" + couple + "/check-ins")
                .then()
                .statusCode(201);
        String session = as(probe)
                .body(Map.of("exerciseSlug", "digital-detox-7-day"))
                .post(exercises + "/v1/couples/" + couple + "/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(probe)
                .post(exercises + "/v1/couples/" + couple + "/sessions/" + session + "/days/1/complete")
                .then()
                .statusCode(200);
        as(probe)
                .body(Map.of(
                        "kind",
                        "CUSTOM",
                        "title",
                        name + " reminder",
                        "rrule",
                        "FREQ=DAILY",
                        "timeOfDay",
                        "20:30",
                        "zonePolicy",
                        "FOLLOW_ME"))
                .post(reminders + "/v1/me/reminders")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(probe)
                        .get("/v1/couples/" + couple + "/insights")
                        .then()
                        .extract()
                        .asString()
                        .contains("closeness-trend:" + probe.id()));

        // Everything, in one call, gathered by couple-service from all four services.
        Map<String, String> env = Map.of(
                "HEARTH_EXERCISE_SERVICE_URL",
                exercises,
                "HEARTH_REMINDER_SERVICE_URL",
                reminders,
                "HEARTH_INSIGHTS_SERVICE_URL",
                insightsUrl);
        try (PeerServices.Instance gatherer = PeerServices.replica(
                "couple-service", PeerServices.database("couple-service"), "export-couple-service", env)) {
            JsonPath export = as(probe)
                    .get(gatherer.url() + "/v1/me/export")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(export.getMap("services").keySet())
                    .containsExactlyInAnyOrder(
                            "couple-service", "exercise-service", "reminder-service", "insights-service");
            assertThat(export.getString("services.'couple-service'.held.profile.displayName"))
                    .isEqualTo(name + " Q");
            assertThat(export.getList("services.'exercise-service'.held.checkIns.privateNote"))
                    .containsExactly(name + " private note");
            assertThat(export.getList("services.'exercise-service'.held.sessions.sessionId"))
                    .containsExactly(session);
            assertThat(export.getList("services.'reminder-service'.held.reminders.title"))
                    .contains(name + " reminder");
            assertThat(export.getString("services.'insights-service'.personId")).isEqualTo(probe.id());
            assertThat(export.getList("services.'insights-service'.held.checkInScores"))
                    .isNotNull();
        }

        // On the broker, their name and scores travel sealed with their own key: readable only with it.
        assertThat(TestKeyring.read().hasKeysOf(probe.id())).isTrue();
        assertThat(readableOnTopics(TestKeyring.read(), probe, name)).isNotEmpty();

        as(probe).delete(couples + "/v1/me").then().statusCode(204);

        Map<String, String> databases = Map.of(
                "couple-service",
                PeerServices.database("couple-service"),
                "exercise-service",
                PeerServices.database("exercise-service"),
                "reminder-service",
                PeerServices.database("reminder-service"),
                "insights-service",
                "insights_test");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> traces(databases, probe, name).isEmpty());
        for (String service : List.of(couples, exercises, reminders, insightsUrl)) {
            as(probe).get(service + "/v1/me/export").then().statusCode(401);
        }
        // Crypto-shredding: their keys are destroyed, so no topic (dead letters included) has anything of theirs left
        // to read, for anyone holding the remaining keys; their partner's part stays readable.
        await().atMost(Duration.ofSeconds(30)).until(() -> !TestKeyring.read().hasKeysOf(probe.id()));
        TestKeyring remaining = TestKeyring.read();
        assertThat(readableOnTopics(remaining, probe, name)).isEmpty();
        assertThat(readableOnTopics(remaining, partner, null)).isNotEmpty();
        // The partner's own data stays theirs.
        as(partner).get(exercises + "/v1/me/export").then().statusCode(200);
    }

    /**
     * What anyone holding {@code keys} can still read of a person on every topic (dead letters included): their name
     * (when given) or their own scores and ratings.
     */
    private static List<String> readableOnTopics(TestKeyring keys, Person person, String name) {
        List<String> found = new ArrayList<>();
        for (String topic : List.of(
                "partner-events",
                "couple-events",
                "exercise-events",
                "reminder-events",
                "exercise-service.dlq",
                "reminder-service.dlq",
                "insights-service.dlq")) {
            try (TopicReader reader = TopicReader.fromBeginning(topic)) {
                for (var record : reader.pollFor(Duration.ofSeconds(2))) {
                    if (record.value() == null) {
                        continue;
                    }
                    String opened;
                    try {
                        opened = EventJson.write(keys.open(record.value()));
                    } catch (RuntimeException notAnEvent) {
                        opened = record.value();
                    }
                    boolean named = name != null && opened.contains(name);
                    boolean ownScores = opened.contains("{\"partnerId\":\"" + person.id() + "\",\"mood\"")
                            || opened.contains("{\"partnerId\":\"" + person.id() + "\",\"feltConnected\"");
                    if (named || ownScores) {
                        found.add(topic + "@" + record.partition() + ":" + record.offset());
                    }
                }
            }
        }
        return found;
    }

    private static List<String> traces(Map<String, String> databases, Person person, String name) {
        List<String> found = new ArrayList<>();
        databases.forEach((service, database) -> {
            DatabaseScan.rowsMentioning(database, person.id()).forEach(row -> found.add(service + " " + row));
            DatabaseScan.rowsMentioning(database, name).forEach(row -> found.add(service + " " + row));
        });
        return found;
    }
}
