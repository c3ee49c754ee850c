package app.hearth.reminder.push;

import app.hearth.events.ReminderEvents.Kind;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a push carries, on every platform: Web Push encrypts it (RFC 8291); FCM sends {@code title} as the
 * notification and every field as data; APNs as the alert's title and custom keys. Only what a locked screen may show.
 */
@Schema(name = "PushMessage", description = "A reminder pushed to a device (the plaintext of a Web Push message).")
public record PushMessage(
        @Schema(description = "The notification to open: GET /v1/me/notifications has it.")
        UUID notificationId,

        Kind kind,

        @Schema(
                description =
                        "A discreet title (\"Time for your check-in\"), or the reminder's own words if the person turned lockScreenDetails on.")
        String title,

        Instant occurrenceAt) {}
