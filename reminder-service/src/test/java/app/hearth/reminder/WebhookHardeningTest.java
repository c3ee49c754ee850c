package app.hearth.reminder;

import static app.hearth.reminder.Receiver.expectedSignature;
import static app.hearth.reminder.ReminderApi.daily;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import app.hearth.reminder.service.Dispatcher;
import app.hearth.reminder.webhook.WebhookSecrets;
import app.hearth.reminder.webhook.WebhookSender;
import app.hearth.testsupport.Concurrently;
import app.hearth.testsupport.TestClock;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as an attacker would try them: destinations inside the network (at registration and by re-resolving
 * later), redirects, a receiver that trickles its answer, replayed signatures, secrets at rest, parallel requests past
 * the cap. Only loopback is ever connected to: every other address is refused before a connection exists, and names
 * come from {@link ScriptedResolver}, never from real DNS.
 */
@QuarkusTest
class WebhookHardeningTest {
    private static final Instant CREATED = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant FIRED = Instant.parse("2026-11-25T19:30:01Z");

    @Inject
    Dispatcher dispatcher;

    @Inject
    WebhookSender sender;

    @Inject
    WebhookSecrets secrets;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void realTime() {
        TestClock.CLOCK.reset();
    }

    /** A person with a daily reminder, and the notification it fires at {@link #FIRED}, delivered to {@code url}. */
    private String subscribeAndFire(Person person, String url) {
        TestClock.CLOCK.set(CREATED);
        String id = as(person)
                .body(Map.of("url", url))
                .post("/v1/me/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(person).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
        TestClock.CLOCK.set(FIRED);
        dispatcher.dispatchDue();
        return id;
    }

    private String lastOutcome(Person person, String webhookId) {
        return as(person)
                .get("/v1/me/webhooks/" + webhookId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].lastOutcome");
    }

    @Test
    void insideDestinationsAreRefusedAtRegistrationAndNothingIsStored() {
        Person mallory = TestUsers.create("Mallory");
        ScriptedResolver.script("metadata.attacker.test", n -> "169.254.169.254");
        for (String url : List.of(
                "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.1/",
                "https://192.168.1.1/",
                "https://[fd00::1]/",
                "https://0.0.0.0/",
                "https://2130706433/",
                "https://0x7f000001/",
                "https://0177.0.0.1/",
                "https://127.1/",
                "https://[::ffff:10.0.0.1]/",
                "https://100.64.0.1/",
                "https://metadata.attacker.test/",
                "https://does-not-resolve.test/",
                "http://10.0.0.1:8080/")) {
            as(mallory)
                    .body(Map.of("url", url))
                    .post("/v1/me/webhooks")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", startsWith("url:"));
        }
        as(mallory).get("/v1/me/webhooks").then().statusCode(200).body("items.size()", equalTo(0));
    }

    /**
     * Issue 24: a resolver that does not answer holds neither a registration (refused once its look-up timeout passes,
     * while the look-up still hangs) nor the sender (its other deliveries go out, and its pass ends, while that
     * look-up still hangs; the stuck delivery's attempt times out). Refused registrations are limited per person, and
     * a refusal names no resolved address.
     */
    @Test
    void aSilentResolverHoldsNeitherARegistrationNorTheOtherDeliveries() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        ScriptedResolver.script("silent.dns.test", n -> {
            if (n > 0) { // the first look-up answers (registration below); every later one hangs until released
                try {
                    answer.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "127.0.0.1";
        });
        try (Receiver receiver = new Receiver(200)) {
            Person slow = TestUsers.create("Slow");
            Person quick = TestUsers.create("Quick");
            TestClock.CLOCK.set(CREATED);
            String slowHook = as(slow).body(Map.of("url", "http://silent.dns.test:9/hook"))
                    .post("/v1/me/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            as(quick)
                    .body(Map.of("url", receiver.url()))
                    .post("/v1/me/webhooks")
                    .then()
                    .statusCode(201);
            as(slow).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
            as(quick).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
            TestClock.CLOCK.set(FIRED);
            dispatcher.dispatchDue();

            // A registration whose look-up hangs: refused after the look-up timeout, the look-up still hanging.
            as(quick)
                    .body(Map.of("url", "http://silent.dns.test:9/other"))
                    .post("/v1/me/webhooks")
                    .then()
                    .statusCode(400)
                    .body("detail", containsString("did not resolve within"));
            sender.sendDue();
            assertThat(answer.getCount()).as("the look-ups are still hanging").isOne();
            assertThat(receiver.received).hasSize(1);
            assertThat(lastOutcome(slow, slowHook)).isEqualTo("timeout");
        } finally {
            answer.countDown();
        }

        // Refusals say what kind of address is refused, never where a name points; past 20 an hour, asking stops.
        Person prober = TestUsers.create("Prober");
        ScriptedResolver.script("inside.attacker.test", n -> "10.9.8.7");
        as(prober)
                .body(Map.of("url", "https://inside.attacker.test/"))
                .post("/v1/me/webhooks")
                .then()
                .statusCode(400)
                .body("detail", containsString("not a public address"))
                .body("detail", Matchers.not(containsString("10.9.8.7")));
        for (int i = 1; i < 20; i++) {
            as(prober)
                    .body(Map.of("url", "https://10.0.0." + i + "/"))
                    .post("/v1/me/webhooks")
                    .then()
                    .statusCode(400);
        }
        as(prober)
                .body(Map.of("url", "https://10.0.0.99/"))
                .post("/v1/me/webhooks")
                .then()
                .statusCode(429)
                .body("type", containsString("limit-reached"));
    }

    @Test
    void aNameThatReResolvesInsideIsRefusedAtDeliveryBeforeAnyConnection() {
        Person eve = TestUsers.create("Eve");
        // Public when registered; inside the network ever after (DNS rebinding).
        ScriptedResolver.script("rebind.attacker.test", n -> n == 0 ? "93.184.215.14" : "10.0.0.7");
        String hook = subscribeAndFire(eve, "https://rebind.attacker.test/hook");
        long before = ScriptedResolver.lookupsOf("rebind.attacker.test");
        sender.sendDue();
        assertThat(ScriptedResolver.lookupsOf("rebind.attacker.test")).isEqualTo(before + 1);
        assertThat(lastOutcome(eve, hook)).isEqualTo("destination-refused");
    }

    @Test
    void theConnectionGoesToTheAddressCheckedWithoutASecondLookup() throws Exception {
        Person pat = TestUsers.create("Pat");
        try (Receiver receiver = new Receiver(200)) {
            int port = Integer.parseInt(receiver.url().replaceAll(".*:(\\d+)/hook", "$1"));
            // The system resolver knows no "pinned.test": the delivery arrives only if the sender connects to the
            // address this check returned, while still naming the host in Host.
            ScriptedResolver.script("pinned.test", n -> "127.0.0.1");
            String hook = subscribeAndFire(pat, "http://pinned.test:" + port + "/hook");
            long before = ScriptedResolver.lookupsOf("pinned.test");
            sender.sendDue();
            assertThat(receiver.received).hasSize(1);
            assertThat(receiver.received.get(0).headers().get("host")).isEqualTo("pinned.test:" + port);
            assertThat(ScriptedResolver.lookupsOf("pinned.test")).isEqualTo(before + 1);
            assertThat(lastOutcome(pat, hook)).isEqualTo("delivered");
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        Person rae = TestUsers.create("Rae");
        try (Receiver target = new Receiver(200)) {
            HttpServer redirector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            redirector.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Location", target.url());
                exchange.sendResponseHeaders(307, -1);
                exchange.close();
            });
            redirector.start();
            try {
                String hook = subscribeAndFire(
                        rae, "http://127.0.0.1:" + redirector.getAddress().getPort() + "/hook");
                sender.sendDue();
                assertThat(lastOutcome(rae, hook)).isEqualTo("http-3xx");
                assertThat(target.received).isEmpty();
            } finally {
                redirector.stop(0);
            }
        }
    }

    @Test
    void aTricklingReceiverIsCutOffAtTheDeadline() throws Exception {
        Person tia = TestUsers.create("Tia");
        AtomicInteger trickled = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[8192];
                    in.read(buffer); // the request (its size does not matter here)
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 60\r\n\r\n".getBytes());
                    for (int i = 0; i < 60; i++) { // a body byte a second: a minute for the whole answer
                        out.write('x');
                        out.flush();
                        trickled.incrementAndGet();
                        Thread.sleep(1000);
                    }
                } catch (Exception closedBySender) {
                    // the sender gave up: what this test wants
                }
            });
            trickler.start();
            String hook = subscribeAndFire(tia, "http://127.0.0.1:" + server.getLocalPort() + "/hook");
            long start = System.nanoTime();
            sender.sendDue();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(lastOutcome(tia, hook)).isEqualTo("timeout");
            // The deadline here is 2 s: the sender moved on long before the receiver finished its answer.
            assertThat(trickled.get()).isLessThan(30);
            assertThat(took).isLessThan(Duration.ofSeconds(20));
            trickler.join(5_000);
            assertThat(trickler.isAlive())
                    .as("the sender closed the connection")
                    .isFalse();
        }
    }

    @Test
    void aClosedPortIsReportedAsRefusedNotInTheNetworksWords() throws Exception {
        Person cleo = TestUsers.create("Cleo");
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        String hook = subscribeAndFire(cleo, "http://127.0.0.1:" + closed + "/hook");
        sender.sendDue();
        assertThat(lastOutcome(cleo, hook)).isEqualTo("connection-refused");
        as(cleo).get("/v1/me/webhooks/" + hook + "/deliveries")
                .then()
                .body("items[0]", Matchers.not(Matchers.hasKey("lastError")))
                .body("items[0]", Matchers.not(Matchers.hasKey("lastStatus")));
    }

    @Test
    void aRotatedSecretOverlapsWithTheOldOneThenTheOldOneStops() throws Exception {
        Person ros = TestUsers.create("Ros");
        try (Receiver receiver = new Receiver(200)) {
            TestClock.CLOCK.set(CREATED);
            JsonPath created = as(ros).body(Map.of("url", receiver.url()))
                    .post("/v1/me/webhooks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            String hook = created.getString("id");
            String first = created.getString("secret");
            JsonPath rotated = as(ros).post("/v1/me/webhooks/" + hook + "/rotate-secret")
                    .then()
                    .statusCode(200)
                    .body("previousSecretValidUntil", equalTo("2026-11-26T12:00:00Z"))
                    .extract()
                    .jsonPath();
            String second = rotated.getString("secret");
            assertThat(second).startsWith("whsec_").isNotEqualTo(first);
            as(TestUsers.create("Sam"))
                    .post("/v1/me/webhooks/" + hook + "/rotate-secret")
                    .then()
                    .statusCode(404);
            as(ros).get("/v1/me/webhooks").then().body("items[0].secret", Matchers.nullValue());

            as(ros).body(daily("20:30")).post("/v1/me/reminders").then().statusCode(201);
            TestClock.CLOCK.set(FIRED);
            dispatcher.dispatchDue();
            sender.sendDue();
            // In the overlap: signed with both, the new one first.
            String[] both =
                    receiver.received.get(0).headers().get("webhook-signature").split(" ");
            assertThat(both).hasSize(2);
            assertThat(both[0]).isEqualTo(expectedSignature(second, receiver.received.get(0)));
            assertThat(both[1]).isEqualTo(expectedSignature(first, receiver.received.get(0)));

            // A day later the overlap is over: only the new secret signs.
            TestClock.CLOCK.set(FIRED.plus(Duration.ofDays(1)));
            dispatcher.dispatchDue();
            sender.sendDue();
            assertThat(receiver.received).hasSize(2);
            assertThat(receiver.received.get(1).headers().get("webhook-signature"))
                    .isEqualTo(expectedSignature(second, receiver.received.get(1)));
        }
    }

    @Test
    void secretsAreSealedAtRestAndClearOnesFromEarlierReleasesGetSealed() throws Exception {
        Person sol = TestUsers.create("Sol");
        String secret = as(sol).body(Map.of("url", "http://127.0.0.1:9/hook"))
                .post("/v1/me/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        String key = secret.substring("whsec_".length());
        try (Connection c = dataSource.getConnection()) {
            try (ResultSet rows = c.createStatement()
                    .executeQuery(
                            "select coalesce(secret, '') || coalesce(secret_box, '') || coalesce(previous_secret_box, '') from webhook_subscription")) {
                while (rows.next()) {
                    assertThat(rows.getString(1)).doesNotContain(key);
                }
            }
            UUID legacy = UUID.randomUUID();
            try (PreparedStatement insert =
                    c.prepareStatement("insert into webhook_subscription (id, owner_type, owner_id, url, "
                            + "secret, created_at) values (?, 'PERSON', ?, 'http://127.0.0.1:9/old', ?, now())")) {
                insert.setObject(1, legacy);
                insert.setString(2, sol.id());
                insert.setString(3, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
                insert.executeUpdate();
            }
            assertThat(secrets.sealLegacySecrets()).isEqualTo(1);
            try (PreparedStatement read =
                    c.prepareStatement("select secret, secret_box from webhook_subscription where id = ?")) {
                read.setObject(1, legacy);
                ResultSet row = read.executeQuery();
                row.next();
                assertThat(row.getString(1)).isNull();
                assertThat(secrets.open(legacy, row.getString(2)))
                        .isEqualTo("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
            }
        }
    }

    @Test
    void parallelSubscriptionsCannotGetPastTheCap() throws Exception {
        Person max = TestUsers.create("Max");
        List<Integer> statuses = Concurrently.times(
                20,
                () -> as(max).body(Map.of("url", "http://127.0.0.1:9/hook"))
                        .post("/v1/me/webhooks")
                        .then()
                        .extract()
                        .statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
        as(max).get("/v1/me/webhooks").then().body("items.size()", equalTo(5));
        as(max).body(Map.of("url", "http://127.0.0.1:9/hook"))
                .post("/v1/me/webhooks")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", containsString("limit-reached"))
                .body("detail", containsString("At most 5"));
    }
}
