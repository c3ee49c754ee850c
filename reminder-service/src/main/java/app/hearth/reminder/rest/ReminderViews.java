package app.hearth.reminder.rest;

import app.hearth.events.ReminderEvents.Kind;
import app.hearth.reminder.Notification;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.ReminderRecipient;
import app.hearth.reminder.ReminderSettings;
import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ReminderViews {

    private ReminderViews() {}

    public record CreateReminderRequest(
            @Schema(examples = "GRATITUDE") @NotNull Kind kind,

            @Schema(examples = "Say one thing you appreciated today") @NotBlank @Size(max = 120)
            String title,

            @Pattern(regexp = "[a-z0-9-]{1,80}") String exerciseSlug,

            @Schema(examples = "FREQ=DAILY") @NotBlank @Size(max = 200)
            String rrule,

            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime timeOfDay,
            LocalDate startDate,
            Reminder.ZonePolicy zonePolicy,

            @Schema(examples = "Europe/Paris") @Size(max = 64)
            String fixedZone,

            @Size(max = 2) List<@NotBlank String> recipients,
            @Min(10) @Max(240) Integer sharedMomentMinutes) {}

    /** PATCH: what is sent changes; {@code "sharedMoment": false} turns a shared moment back into a plain reminder. */
    public record UpdateReminderRequest(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 120)
            String title,

            @Size(min = 1, max = 200) String rrule,
            @JsonFormat(pattern = "HH:mm") LocalTime timeOfDay,
            LocalDate startDate,
            Reminder.ZonePolicy zonePolicy,
            @Size(max = 64) String fixedZone,
            @Min(10) @Max(240) Integer sharedMomentMinutes,
            Boolean sharedMoment) {}

    public record SettingsView(
            boolean partnerWaitingNudge,

            @Schema(
                    description =
                            "Pushes show the reminder's own words on a locked screen; off: a discreet title (\"Time for your check-in\").")
            boolean lockScreenDetails) {
        public static SettingsView of(ReminderSettings settings) {
            return new SettingsView(settings.partnerWaitingNudge, settings.lockScreenDetails);
        }
    }

    /** Each field optional: what is left out stays as it is. */
    public record SettingsRequest(
            @Schema(nullable = true) Boolean partnerWaitingNudge,
            @Schema(nullable = true) Boolean lockScreenDetails) {}

    public record RecipientView(
            String partnerId,
            @Schema(nullable = true) Instant nextOccurrenceAt,
            @Schema(nullable = true) Instant nextFireAt) {
        static RecipientView of(ReminderRecipient r) {
            return new RecipientView(r.partnerId, r.occurrenceAt, r.nextFireAt);
        }
    }

    public record ReminderView(
            UUID id,
            @Schema(nullable = true) UUID coupleId,
            Kind kind,

            @Schema(nullable = true, examples = "Say one thing you appreciated today")
            String title,

            @Schema(nullable = true) String exerciseSlug,
            @Schema(examples = "FREQ=WEEKLY;BYDAY=SU") String rrule,
            @JsonFormat(pattern = "HH:mm") LocalTime timeOfDay,
            @Schema(nullable = true) LocalDate startDate,
            Reminder.ZonePolicy zonePolicy,
            @Schema(nullable = true) String fixedZone,
            @Schema(nullable = true) Integer sharedMomentMinutes,
            Reminder.Origin origin,
            String ownerId,
            List<RecipientView> recipients) {
        static ReminderView of(Reminder r, List<ReminderRecipient> recipients) {
            return new ReminderView(
                    r.id,
                    r.coupleId,
                    r.kind,
                    r.title,
                    r.exerciseSlug,
                    r.rrule,
                    r.timeOfDay,
                    r.startDate,
                    r.zonePolicy,
                    r.fixedZone,
                    r.sharedMomentMinutes == null ? null : r.sharedMomentMinutes.intValue(),
                    r.origin,
                    r.ownerId,
                    recipients.stream().map(RecipientView::of).toList());
        }

        /** A partner app's view: no title (what a person wrote), people under the app's pseudonyms (memberRef). */
        static ReminderView forPartnerApp(
                Reminder r, List<ReminderRecipient> recipients, UnaryOperator<String> memberRef) {
            ReminderView whole = of(r, recipients);
            return new ReminderView(
                    whole.id(),
                    whole.coupleId(),
                    whole.kind(),
                    null,
                    whole.exerciseSlug(),
                    whole.rrule(),
                    whole.timeOfDay(),
                    whole.startDate(),
                    whole.zonePolicy(),
                    whole.fixedZone(),
                    whole.sharedMomentMinutes(),
                    whole.origin(),
                    memberRef.apply(whole.ownerId()),
                    whole.recipients().stream()
                            .map(v -> new RecipientView(
                                    memberRef.apply(v.partnerId()), v.nextOccurrenceAt(), v.nextFireAt()))
                            .toList());
        }
    }

    public record SnoozeRequest(@NotNull @Min(10) @Max(1440) Integer minutes) {}

    public record NotificationView(
            UUID id,
            Notification.Source source,
            @Schema(nullable = true) UUID reminderId,
            @Schema(nullable = true) UUID coupleId,
            Kind kind,
            @Schema(nullable = true) String title,
            @Schema(nullable = true) String exerciseSlug,
            Instant occurrenceAt,
            @Schema(nullable = true) Instant firedAt,
            Notification.Status status,
            @Schema(nullable = true) Instant snoozedUntil) {
        static NotificationView of(Notification n) {
            return new NotificationView(
                    n.id,
                    n.source,
                    n.reminderId,
                    n.coupleId,
                    n.kind,
                    n.title,
                    n.exerciseSlug,
                    n.occurrenceAt,
                    n.firedAt,
                    n.status,
                    n.snoozedUntil);
        }
    }
}
