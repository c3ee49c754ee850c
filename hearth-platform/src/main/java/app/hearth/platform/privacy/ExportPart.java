package app.hearth.platform.privacy;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One service's part of a person's data export, the same envelope in every service: who it is about, when it was
 * made, and what the service holds ({@code held}, typed by each service). couple-service's public export gathers one
 * per service.
 */
public record ExportPart<T>(
        @Schema(required = true, examples = "exercise-service")
        String service,

        @Schema(required = true) String personId,
        @Schema(required = true) Instant exportedAt,
        @Schema(required = true) T held) {

    public static <T> ExportPart<T> of(String service, String personId, Instant exportedAt, T held) {
        return new ExportPart<>(service, personId, exportedAt, held);
    }
}
