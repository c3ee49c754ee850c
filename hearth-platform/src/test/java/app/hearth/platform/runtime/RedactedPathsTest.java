package app.hearth.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedactedPathsTest {
    /** couple-service's pattern (application.properties). */
    private static final String INVITATION_CODES =
            "/v1/invitations/(?!accept(?:[/?]|$))(?![0-9a-fA-F-]{36}(?:[/?]|$))([^/?]+)";

    private final RedactedPaths redaction = new RedactedPaths(Optional.of(List.of(INVITATION_CODES)));

    @Test
    void invitationCodesInUrlsAreReplacedIdsAndOtherPathsStay() {
        assertThat(redaction.redact("/v1/invitations/K7P2-QW9X-M4TD/accept"))
                .isEqualTo("/v1/invitations/REDACTED/accept");
        assertThat(redaction.redact("http://127.0.0.1:8081/v1/invitations/k7p2qw9x/accept?x=1"))
                .isEqualTo("http://127.0.0.1:8081/v1/invitations/REDACTED/accept?x=1");
        assertThat(redaction.redact("/v1/invitations/K7P2QW9X")).isEqualTo("/v1/invitations/REDACTED");
        String id = "/v1/invitations/6f1d8a2e-1c3b-4b6e-9a0f-2d4c6e8a0b1c";
        assertThat(redaction.redact(id)).isEqualTo(id);
        assertThat(redaction.redact("/v1/invitations/accept")).isEqualTo("/v1/invitations/accept");
        assertThat(redaction.redact("/v1/invitations")).isEqualTo("/v1/invitations");
        assertThat(redaction.redact("/v1/me")).isEqualTo("/v1/me");
    }

    @Test
    void aSpanNeverCarriesTheCode() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(redaction)
                .addSpanProcessor(SimpleSpanProcessor.create(exported))
                .build()) {
            tracing.get("test")
                    .spanBuilder("POST /v1/invitations/{code}/accept")
                    .setAttribute("url.path", "/v1/invitations/K7P2-QW9X-M4TD/accept")
                    .setAttribute("url.full", "http://127.0.0.1:8081/v1/invitations/K7P2-QW9X-M4TD/accept")
                    .startSpan()
                    .end();
            var span = exported.getFinishedSpanItems().get(0); // read before closing: the exporter forgets at shutdown
            assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path")))
                    .isEqualTo("/v1/invitations/REDACTED/accept");
            assertThat(span.getAttributes().asMap().toString()).doesNotContain("K7P2-QW9X-M4TD");
        }
    }
}
