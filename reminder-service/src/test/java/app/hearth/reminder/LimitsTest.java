package app.hearth.reminder;

import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static app.hearth.reminder.ReminderTest.as;
import static app.hearth.reminder.ReminderTest.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Per-person caps hold under parallel requests: exactly the cap succeeds, the rest get a 429 problem. */
@QuarkusTest
class LimitsTest {

    @TestHTTPResource("/v1/me/notifications/stream")
    URL stream;

    /** The statuses of {@code n} copies of {@code request} sent at once. */
    static List<Integer> inParallel(int n, Callable<Integer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(request);
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(all)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelRemindersCannotGetPastTwelvePerPerson() throws Exception {
        Person rio = TestUsers.create("Rio");
        List<Integer> statuses = inParallel(20, () -> as(rio).body(daily("08:00")).post("/v1/me/reminders").then()
                .extract().statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(12);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(8);
        as(rio).get("/v1/me/reminders").then().statusCode(200).body("items.size()", equalTo(12));
        as(rio).body(daily("08:00")).post("/v1/me/reminders").then().statusCode(429)
                .contentType("application/problem+json").body("type", containsString("limit-reached"))
                .body("detail", containsString("at most 12"));
    }

    @Test
    void liveStreamsAreCappedPerPersonAndASlotIsFreedWhenAStreamCloses() throws Exception {
        Person lux = TestUsers.create("Lux");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest connect = HttpRequest.newBuilder(stream.toURI()).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + lux.token()).build();
        // Ten devices connect at once: five streams open, five are refused before any stream starts.
        List<CompletableFuture<HttpResponse<Stream<String>>>> connecting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            connecting.add(http.sendAsync(connect, HttpResponse.BodyHandlers.ofLines()));
        }
        List<HttpResponse<Stream<String>>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Stream<String>>> c : connecting) {
            answers.add(c.get(20, TimeUnit.SECONDS));
        }
        List<HttpResponse<Stream<String>>> open = answers.stream().filter(a -> a.statusCode() == 200).toList();
        List<HttpResponse<Stream<String>>> refused = answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(open).hasSize(5);
        assertThat(refused).hasSize(5);
        assertThat(refused.get(0).headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        refused.forEach(r -> r.body().close());

        // Another person is not affected by Lux's streams.
        Person kit = TestUsers.create("Kit");
        HttpResponse<Stream<String>> kits = http.send(HttpRequest.newBuilder(stream.toURI()).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + kit.token()).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(kits.statusCode()).isEqualTo(200);
        kits.body().close();

        // One device goes away: its slot comes back (once the server notices the closed connection).
        open.get(0).body().close();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
            HttpResponse<Stream<String>> again = http.send(connect, HttpResponse.BodyHandlers.ofLines());
            boolean opened = again.statusCode() == 200;
            again.body().close();
            return opened;
        });
        open.forEach(o -> o.body().close());
    }
}
