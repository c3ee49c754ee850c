package app.hearth.reminder;

import static app.hearth.reminder.ReminderApi.daily;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import app.hearth.events.EventEnvelope;
import app.hearth.events.PartnerEvents;
import app.hearth.reminder.push.PushSender;
import app.hearth.reminder.service.Dispatcher;
import app.hearth.testsupport.ContractValidation;
import app.hearth.testsupport.Sql;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reminders pushed to a closed app: Web Push to a browser's own subscription, on a loopback push service. */
@QuarkusTest
class PushTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
    /** When daily("20:30") in the test person's zone is due (DeliveryChannelsTest). */
    static final Instant DUE = Instant.parse("2026-11-25T19:30:01Z");

    @Inject
    Dispatcher dispatcher;

    @Inject
    PushSender sender;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    private static Map<String, Object> registration(PushBrowser browser, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("platform", "WEB_PUSH");
        body.put("name", name);
        body.put("subscription", browser.subscription());
        return body;
    }

    @Test
    void aDueReminderReachesTheBrowserEncryptedToItsKeysAndSignedWithTheServedVapidKey() throws Exception {
        Person lea = TestUsers.create("Lea");
        String key = as(lea).get("/v1/me/devices/web-push-key")
                .then()
                .statusCode(200)
                .extract()
                .path("applicationServerKey");
        try (PushBrowser browser = new PushBrowser("201")) {
            String id = as(lea).body(registration(browser, "Lea's laptop"))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(201)
                    .header("Location", containsString("/v1/me/devices/"))
                    .body("platform", equalTo("WEB_PUSH"))
                    .body("$", not(org.hamcrest.Matchers.hasKey("keys")))
                    .extract()
                    .path("id");
            // The browser refreshes its subscription: the same device, new keys, 200.
            as(lea).body(registration(browser, "Lea's laptop"))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(id));
            as(lea).get("/v1/me/devices").then().statusCode(200).body("items", hasSize(1));

            TestClock.CLOCK.set(NOON);
            as(lea).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
            TestClock.CLOCK.set(DUE);
            dispatcher.dispatchDue();
            sender.sendDue();

            assertThat(browser.pushed).hasSize(1);
            PushBrowser.Pushed push = browser.pushed.get(0);
            assertThat(push.headers())
                    .containsEntry("content-encoding", "aes128gcm")
                    .containsEntry("urgency", "normal")
                    .containsKey("ttl")
                    .containsKey("topic");
            Map<String, String> claims =
                    PushBrowser.verifiedVapidClaims(push.headers().get("authorization"), key);
            assertThat(claims).containsEntry("aud", browser.origin()).containsEntry("sub", "mailto:push@hearth.app");
            JsonNode shown = JSON.readTree(browser.decrypt(push.body()));
            // What the service worker reads is what the document describes (the PushMessage its callback sends).
            assertThat(ContractValidation.violations(
                            RestAssured.baseURI + ":" + RestAssured.port, "PushMessage", shown))
                    .isEmpty();
            String notification =
                    as(lea).get("/v1/me/notifications").then().extract().path("items[0].id");
            assertThat(shown.path("notificationId").asText()).isEqualTo(notification);
            // A locked screen shows a discreet title by default, never the reminder's own words.
            assertThat(shown.path("title").asText()).isEqualTo("A moment for gratitude");
            assertThat(shown.toString()).doesNotContain("appreciate");

            // Once per notification and device: sending again sends nothing.
            sender.sendDue();
            assertThat(browser.pushed).hasSize(1);

            // The person may choose to see the words on the lock screen.
            as(lea).body(Map.of("lockScreenDetails", true))
                    .put("/v1/me/reminder-settings")
                    .then()
                    .statusCode(200)
                    .body("lockScreenDetails", equalTo(true))
                    .body("partnerWaitingNudge", equalTo(true));
            TestClock.CLOCK.set(DUE.plus(Duration.ofDays(1)));
            dispatcher.dispatchDue();
            sender.sendDue();
            assertThat(browser.pushed).hasSize(2);
            assertThat(JSON.readTree(browser.decrypt(browser.pushed.get(1).body()))
                            .path("title")
                            .asText())
                    .isEqualTo("Say one thing you appreciate");

            // The export lists the device without its keys.
            String export = as(lea).get("/v1/me/export")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(export).contains(id, "Lea's laptop").doesNotContain("p256dh", "\"auth\"");
        }
    }

    @Test
    void aPushServiceThatSaysWaitIsAskedAgainWhenItSaidAndAGoneSubscriptionRemovesTheDevice() throws Exception {
        Person max = TestUsers.create("Max");
        try (PushBrowser browser = new PushBrowser("429 Retry-After: 120", "410")) {
            as(max).body(registration(browser, null))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(201)
                    .body("name", equalTo("Web browser"));
            TestClock.CLOCK.set(NOON);
            as(max).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
            TestClock.CLOCK.set(DUE);
            dispatcher.dispatchDue();
            sender.sendDue();
            assertThat(browser.pushed).hasSize(1);

            TestClock.CLOCK.set(DUE.plusSeconds(60)); // before the 120 s it asked for: not yet
            sender.sendDue();
            assertThat(browser.pushed).hasSize(1);
            TestClock.CLOCK.set(DUE.plusSeconds(125));
            sender.sendDue();
            assertThat(browser.pushed).hasSize(2);
            // 410: the subscription is gone, and so is the device.
            as(max).get("/v1/me/devices").then().statusCode(200).body("items", hasSize(0));
        }
    }

    @Test
    void quietHoursHoldAPushAndAVacationSilencesIt() throws Exception {
        Person ivy = TestUsers.create("Ivy");
        Couples.calendar(ivy, "Europe/Paris", "22:00", "07:00");
        try (PushBrowser browser = new PushBrowser("201")) {
            as(ivy).body(registration(browser, "Phone"))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(201);
            TestClock.CLOCK.set(NOON);
            // Once couple-service's profile event is here, 22:30 in Paris is held to the end of quiet hours.
            ReminderApi.followingMe(ivy, "22:30", "2026-11-26T06:00:00Z");
            TestClock.CLOCK.set(Instant.parse("2026-11-25T21:31:00Z")); // 22:31 in Paris: quiet
            dispatcher.dispatchDue();
            sender.sendDue();
            assertThat(browser.pushed).isEmpty();
            TestClock.CLOCK.set(Instant.parse("2026-11-26T06:00:01Z")); // 07:00: the held occurrence, pushed
            dispatcher.dispatchDue();
            sender.sendDue();
            assertThat(browser.pushed).hasSize(1);

            as(ivy).body(Map.of("until", "2026-11-27"))
                    .post("/v1/me/reminders/pause")
                    .then()
                    .statusCode(200);
            TestClock.CLOCK.set(Instant.parse("2026-11-27T06:00:01Z")); // on vacation: nothing
            dispatcher.dispatchDue();
            sender.sendDue();
            assertThat(browser.pushed).hasSize(1);
        }
    }

    @Test
    void registrationsAreCheckedBeforeAnythingIsStoredOrSent() throws Exception {
        Person noa = TestUsers.create("Noa");
        try (PushBrowser browser = new PushBrowser("201")) {
            for (String endpoint : new String[] {
                "https://10.0.0.1/push/x", "https://[fd00::1]/push/x", "ftp://127.0.0.1/x", "not a url"
            }) {
                Map<String, Object> body = registration(browser, "x");
                @SuppressWarnings("unchecked")
                Map<String, Object> subscription = new HashMap<>((Map<String, Object>) body.get("subscription"));
                subscription.put("endpoint", endpoint);
                body.put("subscription", subscription);
                as(noa).body(body)
                        .post("/v1/me/devices")
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("detail", containsString("subscription.endpoint"));
            }
            Map<String, Object> badKey = registration(browser, "x");
            @SuppressWarnings("unchecked")
            Map<String, Object> subscription = new HashMap<>((Map<String, Object>) badKey.get("subscription"));
            subscription.put(
                    "keys", Map.of("p256dh", PushBrowser.base64url(new byte[65]), "auth", "AAAAAAAAAAAAAAAAAAAAAA"));
            badKey.put("subscription", subscription);
            as(noa).body(badKey).post("/v1/me/devices").then().statusCode(400).body("detail", containsString("p256dh"));
            as(noa).body(Map.of("platform", "CARRIER_PIGEON", "subscription", browser.subscription()))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(400);
            as(noa).get("/v1/me/devices").then().body("items", hasSize(0));
            assertThat(browser.pushed).isEmpty();
        }
    }

    @Test
    void devicesAreTheirOwnersAloneCappedAndGoneWithTheirErasure() throws Exception {
        Person ada = TestUsers.create("Ada");
        Person bo = TestUsers.create("Bo");
        try (PushBrowser browser = new PushBrowser("201")) {
            String id = as(ada).body(registration(browser, "Phone"))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(bo).body(Map.of("name", "Mine now"))
                    .patch("/v1/me/devices/" + id)
                    .then()
                    .statusCode(404);
            as(bo).delete("/v1/me/devices/" + id).then().statusCode(404);
            as(ada).body(Map.of("name", "Old phone"))
                    .patch("/v1/me/devices/" + id)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("Old phone"));
            for (int i = 1; i < 10; i++) {
                try (PushBrowser another = new PushBrowser("201")) {
                    as(ada).body(registration(another, "Device " + i))
                            .post("/v1/me/devices")
                            .then()
                            .statusCode(201);
                }
            }
            try (PushBrowser eleventh = new PushBrowser("201")) {
                as(ada).body(registration(eleventh, "One too many"))
                        .post("/v1/me/devices")
                        .then()
                        .statusCode(429)
                        .body("detail", containsString("At most 10 devices"));
            }
            EventEnvelope erased = TopicWriter.publish(
                    PartnerEvents.ERASED, "/couple-service", ada.id(), new PartnerEvents.PartnerErased(ada.id()));
            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            Sql.number(dataSource, "select count(*) from inbox_event where event_id = ?", erased.id())
                                    >= 1);
            assertThat(Sql.number(dataSource, "select count(*) from push_device where person_id = ?", ada.id()))
                    .isZero();
        }
    }

    @Test
    void devicesGoWhenTheirOwnerLeavesTheLastRelationshipThatNeededThem() throws Exception {
        Person ada = TestUsers.create("Ada");
        Person bo = TestUsers.create("Bo");
        String couple = Couples.form(ada, bo);
        try (PushBrowser adaBrowser = new PushBrowser("201");
                PushBrowser boBrowser = new PushBrowser("201")) {
            as(ada).body(registration(adaBrowser, "Ada's phone"))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(201);
            as(bo).body(registration(boBrowser, "Bo's phone"))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(201);
            // Ada still has a reminder of her own to be pushed; Bo has nothing left once the relationship ends.
            as(ada).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);

            as(ada).post(Couples.couples() + "/v1/couples/" + couple + "/end")
                    .then()
                    .statusCode(200);

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> as(bo).get("/v1/me/devices")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("items")
                            .isEmpty());
            as(ada).get("/v1/me/devices").then().statusCode(200).body("items.name", contains("Ada's phone"));
        }
    }
}
