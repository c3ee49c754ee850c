package app.hearth.reminder;

import static app.hearth.reminder.ReminderApi.daily;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.reminder.service.LiveNotifications;
import app.hearth.testsupport.Concurrently;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Per-person caps hold under parallel requests: exactly the cap succeeds, the rest get a 429 problem. */
@QuarkusTest
class LimitsTest {

    @TestHTTPResource("/v1/me/notifications/stream")
    URL stream;

    @Test
    void parallelRemindersCannotGetPastTwelvePerPerson() throws Exception {
        Person rio = TestUsers.create("Rio");
        List<Integer> statuses = Concurrently.times(
                20,
                () -> as(rio).body(daily("08:00"))
                        .post("/v1/me/reminders")
                        .then()
                        .extract()
                        .statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(12);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(8);
        as(rio).get("/v1/me/reminders").then().statusCode(200).body("items.size()", equalTo(12));
        as(rio).body(daily("08:00"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", containsString("limit-reached"))
                .body("detail", containsString("at most 12"));
    }

    /**
     * Issue 24: a relationship's reminders have a cap of their own and never use a member's personal allowance, so one
     * member cannot fill the other's (parallel requests counted exactly, under the couple's lock).
     */
    @Test
    void coupleRemindersHaveTheirOwnCapAndLeaveEachMembersPersonalAllowance() throws Exception {
        Person ivy = TestUsers.create("Ivy");
        Person jon = TestUsers.create("Jon");
        String couple = Couples.form(ivy, jon); // with its default weekly check-in: 1 of the relationship's 12
        List<Integer> statuses = Concurrently.times(
                14,
                () -> as(ivy).body(daily("09:00"))
                        .post("/v1/couples/" + couple + "/reminders")
                        .then()
                        .extract()
                        .statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(11);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(3);
        as(jon).body(daily("09:00"))
                .post("/v1/couples/" + couple + "/reminders")
                .then()
                .statusCode(429)
                .body("detail", containsString("relationship can have at most 12"));
        // Jon receives all twelve, and still has his own twelve to set.
        for (int i = 0; i < 12; i++) {
            as(jon).body(daily("07:00")).post("/v1/me/reminders").then().statusCode(201);
        }
        as(jon).body(daily("07:00"))
                .post("/v1/me/reminders")
                .then()
                .statusCode(429)
                .body("detail", containsString("at most 12 personal reminders"));
        as(jon).get("/v1/couples/" + couple + "/reminders?size=50")
                .then()
                .statusCode(200)
                .body("items.origin", Matchers.hasItem("COUPLE_DEFAULT"))
                .body("total", equalTo(12));
    }

    @Inject
    LiveNotifications live;

    /**
     * Issue 24: a stream lasts only as long as its authority. It ends when the token it was opened with expires, and at
     * once when the person is erased; a slot taken for a stream that never started is given back.
     */
    @Test
    void liveStreamsEndWithTheirAuthorityAndUnusedSlotsAreGivenBack() throws Exception {
        // The token's expiry (the resource passes the token's exp): the stream completes then, its slot free again.
        String expiring = "stream-" + UUID.randomUUID();
        List<?> heard = live.of(expiring, Instant.now().plusSeconds(1))
                .collect()
                .asList()
                .await()
                .atMost(Duration.ofSeconds(15));
        assertThat(heard).isEmpty();
        // Given back by the stream's termination callback, which Mutiny runs just after the completion is delivered.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> live.open(expiring) == 0);

        // A slot whose stream never started (the client went away first) comes back after the start grace.
        String gone = "stream-" + UUID.randomUUID();
        live.of(gone, Instant.now().plusSeconds(600));
        assertThat(live.open(gone)).isOne();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> live.open(gone) == 0);

        // Erasure ends the person's open stream at once.
        Person vic = TestUsers.create("Vic");
        HttpResponse<Stream<String>> answer = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(stream.toURI())
                                .header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + vic.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ended =
                CompletableFuture.runAsync(() -> answer.body().forEach(lines::add));
        String first;
        do { // the stream is live once it said so
            first = lines.poll(10, TimeUnit.SECONDS);
        } while (first != null && !first.contains("ready"));
        assertThat(first).as("the ready event").isNotNull();
        as(vic).delete(Couples.couples() + "/v1/me").then().statusCode(204);
        ended.get(20, TimeUnit.SECONDS); // the server ended the stream
        // The slot comes back as the stream's termination finishes (just after the client saw the end).
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> live.open(vic.id()) == 0);
    }

    @Test
    void liveStreamsAreCappedPerPersonAndASlotIsFreedWhenAStreamCloses() throws Exception {
        Person lux = TestUsers.create("Lux");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest connect = HttpRequest.newBuilder(stream.toURI())
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + lux.token())
                .build();
        // Ten devices connect at once: five streams open, five are refused before any stream starts.
        List<CompletableFuture<HttpResponse<Stream<String>>>> connecting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            connecting.add(http.sendAsync(connect, HttpResponse.BodyHandlers.ofLines()));
        }
        List<HttpResponse<Stream<String>>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Stream<String>>> c : connecting) {
            answers.add(c.get(20, TimeUnit.SECONDS));
        }
        List<HttpResponse<Stream<String>>> open =
                answers.stream().filter(a -> a.statusCode() == 200).toList();
        List<HttpResponse<Stream<String>>> refused =
                answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(open).hasSize(5);
        assertThat(refused).hasSize(5);
        assertThat(refused.get(0).headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        refused.forEach(r -> r.body().close());

        // Another person is not affected by Lux's streams.
        Person kit = TestUsers.create("Kit");
        HttpResponse<Stream<String>> kits = http.send(
                HttpRequest.newBuilder(stream.toURI())
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + kit.token())
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(kits.statusCode()).isEqualTo(200);
        kits.body().close();

        // One device goes away: its slot comes back (once the server notices the closed connection).
        open.get(0).body().close();
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            HttpResponse<Stream<String>> again = http.send(connect, HttpResponse.BodyHandlers.ofLines());
            boolean opened = again.statusCode() == 200;
            again.body().close();
            return opened;
        });
        open.forEach(o -> o.body().close());
    }
}
