package app.hearth.reminder.rest;

import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.ExportPart;
import app.hearth.reminder.PartnerNudge;
import app.hearth.reminder.rest.ReminderViews.NotificationView;
import app.hearth.reminder.rest.ReminderViews.RecipientView;
import app.hearth.reminder.rest.ReminderViews.ReminderView;
import app.hearth.reminder.rest.WebhookResource.DeliveryView;
import app.hearth.reminder.rest.WebhookResource.SubscriptionView;
import app.hearth.reminder.service.ReminderExport;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Everything this service holds about the caller (data portability). */
@Tag(
        name = "Data export",
        description =
                "Data portability: everything Hearth holds about you. The public export at couple-service gathers every service's part; each service also exports its own part to it.")
@Path("/v1/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeExportResource {

    @Inject
    Caller caller;

    @Inject
    ReminderExport export;

    @Inject
    Clock clock;

    public record NudgeView(
            UUID coupleId,
            String period,
            Instant dueAt,
            @Schema(nullable = true) Instant handledAt) {}

    /** What reminder-service holds about the caller; webhook secrets and devices' keys are not repeated. */
    public record ReminderData(
            List<ReminderView> reminders,
            List<RecipientView> mySchedule,
            List<NotificationView> notifications,
            @Schema(nullable = true) LocalDate pausedUntil,
            ReminderViews.SettingsView settings,
            List<SubscriptionView> webhooks,
            List<DeliveryView> webhookDeliveries,
            List<NudgeView> partnerWaitingNudges,
            List<ReminderExport.CheckInRecord> checkInsSeen,

            @Schema(description = "Your devices, without the keys pushes are encrypted to.")
            List<DeviceResource.DeviceView> devices) {}

    @Operation(
            operationId = "exportMyReminderData",
            summary = "Export my reminder data",
            description =
                    "This service's part of your data export: your reminders, notifications, webhooks, devices and settings. couple-service's export gathers it; not routed through the public entry point.")
    @Extension(name = "x-internal", value = "true")
    @GET
    public ExportPart<ReminderData> export() {
        String me = caller.personId();
        ReminderExport.Held held = export.of(me);
        return ExportPart.of(
                "reminder-service",
                me,
                clock.instant(),
                new ReminderData(
                        held.reminders().stream()
                                .map(r -> ReminderView.of(
                                        r,
                                        held.schedules().stream()
                                                .filter(s -> s.reminderId.equals(r.id))
                                                .toList()))
                                .toList(),
                        held.schedules().stream().map(RecipientView::of).toList(),
                        held.notifications().stream().map(NotificationView::of).toList(),
                        held.pause() == null ? null : held.pause().untilDate,
                        held.settings() == null
                                ? new ReminderViews.SettingsView(true, false)
                                : ReminderViews.SettingsView.of(held.settings()),
                        held.webhooks().stream()
                                .map(s -> SubscriptionView.of(s, null))
                                .toList(),
                        held.deliveries().stream().map(DeliveryView::of).toList(),
                        held.nudges().stream().map(MeExportResource::nudge).toList(),
                        held.checkIns(),
                        held.devices().stream()
                                .map(DeviceResource.DeviceView::of)
                                .toList()));
    }

    private static NudgeView nudge(PartnerNudge n) {
        return new NudgeView(n.coupleId, n.period, n.dueAt, n.firedAt);
    }
}
