package app.hearth.reminder;

import static app.hearth.reminder.Receiver.expectedSignature;
import static app.hearth.reminder.ReminderApi.daily;
import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import app.hearth.reminder.service.Dispatcher;
import app.hearth.reminder.webhook.WebhookSender;
import app.hearth.testsupport.DatabaseScan;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notifications leaving the service: signed webhooks (people and partner apps), the live stream, export and erasure. */
@QuarkusTest
class DeliveryChannelsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Dispatcher dispatcher;

    @Inject
    WebhookSender sender;

    @TestHTTPResource("/v1/me/notifications/stream")
    URL stream;

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    /** Lets retries come due: moves the clock on and sends, a few times. */
    private void sendWithTimePassing(Instant from, int rounds) {
        for (int i = 1; i <= rounds; i++) {
            TestClock.CLOCK.set(from.plusSeconds(10L * i));
            sender.sendDue();
        }
    }

    @Test
    void anAddedChannelGetsEveryNewNotificationInItsTransactionWithoutTheDispatcherKnowingIt() {
        Person lea = TestUsers.create("Lea");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        as(lea).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
        TestClock.CLOCK.set(Instant.parse("2026-11-25T19:30:01Z"));
        dispatcher.dispatchDue();
        String notification =
                as(lea).get("/v1/me/notifications").then().extract().path("items[0].id");
        assertThat(RecordingChannel.DELIVERED)
                .filteredOn(c -> c.draft().partnerId().equals(lea.id()))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.notificationId().toString()).isEqualTo(notification);
                    assertThat(c.draft().title()).isEqualTo("Say one thing you appreciate");
                });
        dispatcher.dispatchDue(); // nothing new: nothing handed on again
        assertThat(RecordingChannel.DELIVERED)
                .filteredOn(c -> c.draft().partnerId().equals(lea.id()))
                .hasSize(1);
    }

    @Test
    void webhooksAreSignedRetriedAndDeadLettered() throws Exception {
        Person dana = TestUsers.create("Dana");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        try (Receiver flaky = new Receiver(500, 200);
                Receiver broken = new Receiver(503)) {
            for (String bad : List.of(
                    "http://example.com/hook",
                    "ftp://example.com/hook",
                    "https://user:pw@example.com/hook",
                    "not a url",
                    "/relative")) {
                as(dana).body(Map.of("url", bad))
                        .post("/v1/me/webhooks")
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("detail", containsString("url"));
            }
            JsonPath created = as(dana).body(Map.of("url", flaky.url()))
                    .post("/v1/me/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            String secret = created.getString("secret");
            assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
            String flakyId = created.getString("id");
            String brokenId = as(dana).body(Map.of("url", broken.url()))
                    .post("/v1/me/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(dana).get("/v1/me/webhooks")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(2))
                    .body("items.secret", Matchers.everyItem(Matchers.nullValue()));

            String reminder = as(dana).body(daily("20:30"))
                    .post("/v1/me/reminders")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            Instant fired = Instant.parse("2026-11-25T19:30:01Z");
            TestClock.CLOCK.set(fired);
            dispatcher.dispatchDue();
            sender.sendDue();
            sendWithTimePassing(fired, 5);

            String notification =
                    as(dana).get("/v1/me/notifications").then().extract().path("items[0].id");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> flaky.received.size() == 2 && broken.received.size() == 4);
            for (Receiver.Received r : flaky.received) {
                assertThat(r.headers().get("webhook-signature")).isEqualTo(expectedSignature(secret, r));
                assertThat(Long.parseLong(r.headers().get("webhook-timestamp")))
                        .isBetween(fired.getEpochSecond(), fired.getEpochSecond() + 60);
                assertThat(r.body()).contains(notification, reminder, "Say one thing you appreciate");
            }
            assertThat(flaky.received.get(0).headers().get("webhook-id"))
                    .isEqualTo(flaky.received.get(1).headers().get("webhook-id"));
            // Each attempt is signed at its own time, so a captured one goes stale.
            assertThat(flaky.received.get(0).headers().get("webhook-timestamp"))
                    .isNotEqualTo(flaky.received.get(1).headers().get("webhook-timestamp"));
            assertThat(flaky.received.get(0).body())
                    .isEqualTo(flaky.received.get(1).body());
            assertThat(expectedSignature(
                            "whsec_" + Base64.getEncoder().encodeToString(new byte[32]), flaky.received.get(0)))
                    .isNotEqualTo(flaky.received.get(0).headers().get("webhook-signature"));

            as(dana).get("/v1/me/webhooks/" + flakyId + "/deliveries")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].status", equalTo("DELIVERED"))
                    .body("items[0].attempts", equalTo(2))
                    .body("items[0].lastOutcome", equalTo("delivered"))
                    .body("items[0].notificationId", equalTo(notification));
            as(dana).get("/v1/me/webhooks/" + brokenId + "/deliveries?status=DEAD")
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].attempts", equalTo(4))
                    .body("items[0].lastOutcome", equalTo("http-5xx"));
            as(dana).get("/v1/me/webhooks/" + brokenId + "/deliveries?status=SOMETIMES")
                    .then()
                    .statusCode(400);
            Person carol = TestUsers.create("Carol");
            as(carol).get("/v1/me/webhooks/" + flakyId + "/deliveries").then().statusCode(404);
            as(carol).delete("/v1/me/webhooks/" + flakyId).then().statusCode(404);

            // Export shows all of it, without the secret; erasure in couple-service removes it all here too.
            as(dana).get("/v1/me/export")
                    .then()
                    .statusCode(200)
                    .body("held.reminders.id", Matchers.hasItem(reminder))
                    .body("held.notifications", hasSize(1))
                    .body("held.webhooks", hasSize(2))
                    .body("held.webhookDeliveries", hasSize(2))
                    .body(Matchers.not(containsString(secret)));
            as(dana).delete("/v1/me/webhooks/" + brokenId).then().statusCode(204);
            as(dana).get("/v1/me/webhooks").then().body("items", hasSize(1));
            as(dana).get(Couples.couples() + "/v1/me").then().statusCode(200);
            as(dana).delete(Couples.couples() + "/v1/me").then().statusCode(204);
            // Her token is refused once the erasure is applied here (in the same transaction as the deletions).
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> as(dana).get("/v1/me/export").then().extract().statusCode() == 401);
            assertThat(DatabaseScan.rowsMentioning(dataSource, dana.id())).isEmpty();
        }
    }

    @Test
    void aPartnerAppReceivesACouplesNotificationsWithoutTheirWordsAndOnlyWhileGranted() throws Exception {
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        Person alice = TestUsers.create("Alice");
        Person bob = TestUsers.create("Bob");
        Couples.calendar(alice, "Europe/Paris", "23:00", "07:00");
        Couples.calendar(bob, "Europe/Paris", "23:00", "07:00");
        String couple = Couples.form(alice, bob);
        String app = Tokens.partnerApp("reminders.read");
        try (Receiver therapist = new Receiver(200)) {
            Map<String, String> hook = Map.of("url", therapist.url());
            given().auth()
                    .oauth2(app)
                    .contentType("application/json")
                    .body(hook)
                    .post("/v1/couples/" + couple + "/webhooks")
                    .then()
                    .statusCode(404);

            String grant = as(alice)
                    .body(Map.of("clientId", "partner-demo", "scopes", List.of("reminders.read")))
                    .post(Couples.couples() + "/v1/couples/" + couple + "/grants")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(bob).post(Couples.couples() + "/v1/couples/" + couple + "/grants/" + grant + "/approve")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> given().auth()
                                    .oauth2(app)
                                    .get("/v1/couples/" + couple + "/webhooks")
                                    .then()
                                    .extract()
                                    .statusCode()
                            == 200);
            // A token without reminders.read is refused whatever the couple granted.
            given().auth()
                    .oauth2(Tokens.partnerApp("couples.read"))
                    .contentType("application/json")
                    .body(hook)
                    .post("/v1/couples/" + couple + "/webhooks")
                    .then()
                    .statusCode(403);
            String secret = given().auth()
                    .oauth2(app)
                    .contentType("application/json")
                    .body(hook)
                    .post("/v1/couples/" + couple + "/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");
            // A couple's webhooks are partner apps' (people subscribe at /v1/me/webhooks).
            as(alice)
                    .body(hook)
                    .post("/v1/couples/" + couple + "/webhooks")
                    .then()
                    .statusCode(403)
                    .body("type", Matchers.equalTo("https://hearth.app/problems/partner-app-only"));
            as(bob).get("/v1/couples/" + couple + "/webhooks")
                    .then()
                    .statusCode(200)
                    .body("items[0].clientId", equalTo("partner-demo"))
                    .body("items[0].secret", Matchers.nullValue());
            as(TestUsers.create("Carol"))
                    .get("/v1/couples/" + couple + "/webhooks")
                    .then()
                    .statusCode(404);

            Map<String, Object> body = daily("21:00");
            body.put("title", "Tell each other one thing you appreciated today");
            as(alice)
                    .body(body)
                    .post("/v1/couples/" + couple + "/reminders")
                    .then()
                    .statusCode(201);
            TestClock.CLOCK.set(Instant.parse("2026-11-25T20:00:01Z"));
            dispatcher.dispatchDue();
            sender.sendDue();
            await().atMost(Duration.ofSeconds(10)).until(() -> therapist.received.size() == 2);
            Set<String> members = new HashSet<>();
            for (Receiver.Received r : therapist.received) {
                assertThat(r.headers().get("webhook-signature")).isEqualTo(expectedSignature(secret, r));
                assertThat(r.body())
                        .contains(couple, "\"kind\":\"GRATITUDE\"")
                        .doesNotContain("appreciated", "title")
                        .doesNotContain(alice.id(), bob.id()); // the app's own pseudonyms, never account ids
                members.add(JsonPath.from(r.body()).getString("partnerId"));
            }
            assertThat(members).hasSize(2).allSatisfy(m -> assertThat(m).startsWith("member-"));
            // The couple's reminders through the API, as documented: no title, the deliveries' pseudonyms.
            given().auth()
                    .oauth2(app)
                    .get("/v1/couples/" + couple + "/reminders")
                    .then()
                    .statusCode(200)
                    .body("items.kind", Matchers.containsInAnyOrder("GRATITUDE", "CHECK_IN")) // and the default
                    .body("items.findAll { it.title != null }", Matchers.empty())
                    .body("items.find { it.kind == 'GRATITUDE' }.ownerId", Matchers.is(Matchers.in(members)))
                    .body(
                            "items.find { it.kind == 'GRATITUDE' }.recipients.partnerId",
                            Matchers.containsInAnyOrder(members.toArray()));
            given().auth()
                    .oauth2(Tokens.partnerApp("couples.read"))
                    .get("/v1/couples/" + couple + "/reminders")
                    .then()
                    .statusCode(403);

            // Consent withdrawn: nothing more leaves for that app.
            as(alice)
                    .delete(Couples.couples() + "/v1/couples/" + couple + "/grants/" + grant)
                    .then()
                    .statusCode(204);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> given().auth()
                                    .oauth2(app)
                                    .get("/v1/couples/" + couple + "/webhooks")
                                    .then()
                                    .extract()
                                    .statusCode()
                            == 404);
            TestClock.CLOCK.set(Instant.parse("2026-11-26T20:00:01Z"));
            dispatcher.dispatchDue();
            sender.sendDue();
            assertThat(therapist.received).hasSize(2);
        }
    }

    @Test
    void aConnectedClientHearsOfAFiredReminderAtOnce() throws Exception {
        Person dana = TestUsers.create("Dana");
        TestClock.CLOCK.set(Instant.parse("2026-11-25T12:00:00Z"));
        String reminder = as(dana).body(daily("20:30"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(
                                HttpRequest.newBuilder(stream.toURI())
                                        .header("Accept", "text/event-stream")
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(401);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        var connection = http.sendAsync(
                HttpRequest.newBuilder(stream.toURI())
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + dana.token())
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = connection.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        try {
            awaitLine(lines, "ready");
            TestClock.CLOCK.set(Instant.parse("2026-11-25T19:30:01Z"));
            dispatcher.dispatchDue();
            String data = awaitLine(lines, reminder);
            assertThat(data).startsWith("data:").contains("\"status\":\"UNREAD\"", "Say one thing you appreciate");
        } finally {
            response.body().close();
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(containing)) {
                return line;
            }
        }
        throw new AssertionError("no line with '" + containing + "' on the stream within 10 s");
    }
}
