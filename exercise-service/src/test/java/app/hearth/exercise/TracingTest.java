package app.hearth.exercise;

import static app.hearth.exercise.ExerciseApi.answers;
import static app.hearth.exercise.ExerciseApi.pair;
import static app.hearth.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.events.Topics;
import app.hearth.testsupport.PeerServices;
import app.hearth.testsupport.TestUsers;
import app.hearth.testsupport.TestUsers.Person;
import app.hearth.testsupport.TopicReader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace from an API call through the outbox and Kafka to the consumers, against the real broker: the trace
 * context is stored with the outbox row, sent as the record's traceparent header and continued by every inbox.
 */
@QuarkusTest
class TracingTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    InMemorySpanExporter spans;

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId))
                .toList();
    }

    @Test
    void aCheckInIsOneTraceFromTheApiCallToItsKafkaRecord() {
        Person alice = TestUsers.create("Alice");
        String couple = pair(alice, TestUsers.create("Bob"), "ROMANTIC");
        String traceId = hex(16);
        ConsumerRecord<String, String> record;
        try (TopicReader events = new TopicReader(Topics.EXERCISE_EVENTS)) {
            as(alice)
                    .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                    .body(answers(6, null))
                    .post("/v1/couples/" + couple + "/check-ins")
                    .then()
                    .statusCode(201);
            record = events.await(r -> couple.equals(r.key()), 1, Duration.ofSeconds(10))
                    .get(0);
        }
        // The record carries the caller's trace; its parent is the relay's producer span, itself in that trace.
        String traceparent = header(record, "traceparent");
        assertThat(traceparent).as("traceparent header").matches("00-" + traceId + "-[0-9a-f]{16}-01");
        String producerSpanId = traceparent.split("-")[2];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = trace(traceId);
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(s.getName()).contains("check-ins");
            });
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.PRODUCER);
                assertThat(s.getName()).isEqualTo("exercise-events publish");
                assertThat(s.getSpanId()).isEqualTo(producerSpanId);
                assertThat(s.getAttributes().asMap().toString()).contains("hearth.exercise.check-in-submitted.v1");
            });
        });
    }

    @Test
    void anotherServicesEventContinuesTheCallersTraceIntoThisServicesInbox() {
        // couple-service (a real peer) continues the caller's trace into couple-events; this service's inbox goes on.
        Person alice = TestUsers.create("Alice");
        String couple = pair(alice, TestUsers.create("Bob"), "ROMANTIC");
        String traceId = hex(16);
        ConsumerRecord<String, String> record;
        try (TopicReader events = new TopicReader(Topics.COUPLE_EVENTS)) {
            as(alice)
                    .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                    .header("If-Match", "*")
                    .body(Map.of("pauseWord", "lighthouse"))
                    .patch(PeerServices.url("couple-service") + "/v1/couples/" + couple)
                    .then()
                    .statusCode(200);
            record = events.await(
                            r -> couple.equals(r.key())
                                    && traceId.equals(String.valueOf(header(r, "traceparent"))
                                            .split("-")[1]),
                            1,
                            Duration.ofSeconds(10))
                    .get(0);
        }
        String publishSpanId = header(record, "traceparent").split("-")[2];
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(trace(traceId)).anySatisfy(s -> {
                    assertThat(s.getKind()).isEqualTo(SpanKind.CONSUMER);
                    assertThat(s.getName()).isEqualTo("couple-events process");
                    assertThat(s.getParentSpanId()).isEqualTo(publishSpanId);
                    assertThat(s.getAttributes().asMap().toString()).contains("exercise-service");
                }));
    }
}
