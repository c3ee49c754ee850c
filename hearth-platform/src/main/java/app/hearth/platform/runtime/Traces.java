package app.hearth.platform.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Trace context across the outbox and Kafka: what the outbox stores with an event (W3C {@code traceparent},
 * {@code tracestate}), the producer span the relay opens from it, and the consumer span every inbox continues.
 */
@ApplicationScoped
public class Traces {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapGetter<Headers> FROM_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Headers> TO_HEADERS = (carrier, key, value) -> {
        carrier.remove(key);
        carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    Tracer tracer;

    /** The current trace context as W3C fields (empty outside any trace, or with tracing off). */
    public Map<String, String> current() {
        Map<String, String> fields = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), fields, Map::put);
        return fields;
    }

    /** A producer span for publishing an event stored in the trace {@code stored}, its context written to {@code headers}. */
    public Span startPublish(
            Map<String, String> stored, String topic, String eventId, String eventType, Headers headers) {
        Context parent =
                openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), stored, FROM_MAP);
        Span span = tracer.spanBuilder(topic + " publish")
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", eventId)
                .setAttribute("hearth.event.type", eventType)
                .startSpan();
        openTelemetry.getPropagators().getTextMapPropagator().inject(parent.with(span), headers, TO_HEADERS);
        return span;
    }

    /** A consumer span continuing the trace a record's headers carry. */
    public Span startProcess(String topic, String consumer, Headers headers, long offset, int partition) {
        Context parent =
                openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, FROM_HEADERS);
        return tracer.spanBuilder(topic + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.destination.partition.id", String.valueOf(partition))
                .setAttribute("messaging.kafka.offset", offset)
                .startSpan();
    }

    public static void failed(Span span, Throwable error) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    }
}
