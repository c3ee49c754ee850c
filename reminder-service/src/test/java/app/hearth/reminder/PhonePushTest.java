package app.hearth.reminder;

import static app.hearth.reminder.ReminderApi.daily;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import app.hearth.reminder.push.PushSender;
import app.hearth.reminder.service.Dispatcher;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reminders pushed to phones through FCM (HTTP v1) and APNs (token-based), on fakes that check what the real ones do. */
@QuarkusTest
class PhonePushTest {

    @Inject
    Dispatcher dispatcher;

    @Inject
    PushSender sender;

    @BeforeEach
    void fakes() throws Exception {
        PhonePushServices.start();
    }

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private void fireDailyReminder(Person person) {
        TestClock.CLOCK.set(PushTest.NOON);
        as(person).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
        TestClock.CLOCK.set(PushTest.DUE);
        dispatcher.dispatchDue();
        sender.sendDue();
    }

    @Test
    void fcmGetsTheMessageWithAnAccessTokenFromTheServiceAccountAndForgetsAnUnregisteredToken() {
        Person ren = TestUsers.create("Ren");
        String token = "fcm:" + random(40);
        String stale = "fcm:" + random(40);
        PhonePushServices.gone.add(stale);
        for (String t : new String[] {token, stale}) {
            as(ren).body(Map.of("platform", "FCM", "token", t, "name", "Pixel"))
                    .post("/v1/me/devices")
                    .then()
                    .statusCode(201)
                    .body("platform", equalTo("FCM"))
                    .body("endpoint", org.hamcrest.Matchers.nullValue());
        }
        fireDailyReminder(ren);

        assertThat(PhonePushServices.REFUSED).isEmpty();
        var sent = PhonePushServices.FCM.stream()
                .filter(s -> s.body().at("/message/token").asText().equals(token))
                .toList();
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.body().at("/message/notification/title").asText()).isEqualTo("A moment for gratitude");
            assertThat(s.body().at("/message/data/notificationId").asText()).isNotBlank();
            assertThat(s.body().toString()).doesNotContain("appreciate");
        });
        // UNREGISTERED: that device is gone; the other stays.
        as(ren).get("/v1/me/devices").then().body("items", hasSize(1)).body("items[0].name", equalTo("Pixel"));
    }

    @Test
    void apnsGetsAnAlertWithAProviderTokenAtTheBuildsEnvironmentAndForgetsAnUnregisteredDevice() {
        Person sol = TestUsers.create("Sol");
        String token = random(32);
        String stale = random(32);
        PhonePushServices.gone.add(stale);
        as(sol).body(Map.of("platform", "APNS", "token", token, "environment", "SANDBOX"))
                .post("/v1/me/devices")
                .then()
                .statusCode(201)
                .body("environment", equalTo("SANDBOX"))
                .body("name", equalTo("Phone"));
        as(sol).body(Map.of("platform", "APNS", "token", stale))
                .post("/v1/me/devices")
                .then()
                .statusCode(201)
                .body("environment", equalTo("PRODUCTION"));
        as(sol).body(Map.of("platform", "APNS", "token", "not-hex"))
                .post("/v1/me/devices")
                .then()
                .statusCode(400)
                .body("detail", containsString("token"));
        fireDailyReminder(sol);

        assertThat(PhonePushServices.REFUSED).isEmpty();
        var sent = PhonePushServices.APNS.stream()
                .filter(s -> s.path().endsWith(token))
                .toList();
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/sandbox/3/device/" + token);
            assertThat(s.headers())
                    .containsEntry("apns-push-type", "alert")
                    .containsEntry("apns-priority", "10")
                    .containsKey("apns-collapse-id")
                    .containsKey("apns-expiration");
            assertThat(s.body().at("/aps/alert/title").asText()).isEqualTo("A moment for gratitude");
            assertThat(s.body().path("notificationId").asText()).isNotBlank();
        });
        assertThat(PhonePushServices.APNS.stream().filter(s -> s.path().equals("/3/device/" + stale)))
                .hasSize(1);
        as(sol).get("/v1/me/devices").then().body("items", hasSize(1)).body("items[0].environment", equalTo("SANDBOX"));
    }
}
