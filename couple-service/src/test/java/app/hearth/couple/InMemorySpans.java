package app.hearth.couple;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The spans this service exports, kept in memory for the tests that read spans (Quarkus uses every SpanExporter bean). */
public class InMemorySpans {
    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
