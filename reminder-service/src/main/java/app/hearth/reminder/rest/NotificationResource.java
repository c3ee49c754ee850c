package app.hearth.reminder.rest;

import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.Caller;
import app.hearth.reminder.Notification;
import app.hearth.reminder.rest.ReminderViews.NotificationView;
import app.hearth.reminder.service.LiveNotifications;
import app.hearth.reminder.service.ReminderService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The in-app inbox of fired reminders. */
@Tag(
        name = "Notifications",
        description = "The in-app inbox of fired reminders: read, snooze, dismiss, or follow them live.")
@Path("/v1/me/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    Caller caller;

    @Inject
    ReminderService reminders;

    @Inject
    LiveNotifications live;

    @Inject
    JsonWebToken token;

    @Operation(
            operationId = "listMyNotifications",
            summary = "List my notifications",
            description = "Your notifications, newest first, a page at a time.")
    @GET
    public RestResponse<PageOf<NotificationView>> inbox(
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return PageLinks.answer(
                reminders.inbox(caller.personId(), PageRequest.of(page, size)).map(NotificationView::of), uri);
    }

    /**
     * Server-Sent Events: an {@code event: ready} once the stream is live, then each notification as it arrives
     * ({@code event: notification}, the same JSON as the inbox). After a reconnect, catch up from the inbox.
     */
    @Operation(
            operationId = "streamMyNotifications",
            summary = "Stream my notifications",
            description =
                    "Server-sent events: each notification of yours as it fires. A person may have only a few streams open at once.")
    @APIResponse(
            responseCode = "200",
            description =
                    "A `text/event-stream` (WHATWG server-sent events). First `event: ready` (data `{}`) once the "
                            + "stream is live; then one `event: notification` per notification as it fires, its `id:` the "
                            + "notification's id and its `data:` the notification as JSON (the inbox's `NotificationView`). "
                            + "The stream ends when the token expires; after reconnecting, catch up from the inbox. The schema "
                            + "describes one event's fields (`event`, `id`, `data`), not a JSON body.",
            content =
                    @Content(
                            mediaType = MediaType.SERVER_SENT_EVENTS,
                            schema = @Schema(implementation = StreamEvent.class)))
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @io.smallrye.common.annotation
            .Blocking // the caller check reads the erasure ledger; the stream itself does not block
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        // The stream ends when this token expires: a stream must not outlive the authority it was opened with.
        String me = caller.personId();
        OutboundSseEvent ready = sse.newEventBuilder()
                .name("ready")
                .data("{}")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .build();
        return Multi.createBy()
                .concatenating()
                .streams(
                        Multi.createFrom().item(ready),
                        live.of(me, Instant.ofEpochSecond(token.getExpirationTime()))
                                .map(n -> sse.newEventBuilder()
                                        .name("notification")
                                        .id(n.id.toString())
                                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                        .data(NotificationView.of(n))
                                        .build()));
    }

    /** One server-sent event of the notification stream, told apart by {@code event}. */
    @Schema(
            name = "NotificationStreamEvent",
            oneOf = {StreamReady.class, StreamNotification.class},
            discriminatorProperty = "event",
            discriminatorMapping = {
                @DiscriminatorMapping(value = "ready", schema = StreamReady.class),
                @DiscriminatorMapping(value = "notification", schema = StreamNotification.class)
            })
    public sealed interface StreamEvent permits StreamReady, StreamNotification {}

    /** {@code event: ready}, once the stream is live. */
    public record StreamReady(
            @Schema(enumeration = "ready") String event,
            @Schema(description = "Always `{}`.") Map<String, Object> data) implements StreamEvent {}

    /** {@code event: notification}: one notification as it fires. */
    public record StreamNotification(
            @Schema(enumeration = "notification") String event,

            @Schema(description = "The notification's id (the SSE `id:` field).")
            UUID id,

            NotificationView data)
            implements StreamEvent {}

    @Operation(
            operationId = "markNotificationRead",
            summary = "Mark a notification read",
            description = "Marks one of your notifications read.")
    @POST
    @Path("/{notificationId}/read")
    public NotificationView read(@PathParam("notificationId") UUID id) {
        return NotificationView.of(reminders.mark(id, caller.personId(), Notification.Status.READ));
    }

    /** "Remind me again in ...": 10 minutes to 24 hours. */
    @Operation(
            operationId = "snoozeNotification",
            summary = "Snooze a notification",
            description = "\"Remind me again in ...\": 10 minutes to 24 hours.")
    @POST
    @Path("/{notificationId}/snooze")
    @Consumes(MediaType.APPLICATION_JSON)
    public NotificationView snooze(
            @PathParam("notificationId") UUID id,
            @NotNull(message = "send {\"minutes\": 10-1440}") @Valid ReminderViews.SnoozeRequest request) {
        return NotificationView.of(reminders.snooze(id, caller.personId(), request.minutes()));
    }

    @Operation(
            operationId = "dismissNotification",
            summary = "Dismiss a notification",
            description = "Removes a notification from your inbox.")
    @POST
    @Path("/{notificationId}/dismiss")
    public NotificationView dismiss(@PathParam("notificationId") UUID id) {
        return NotificationView.of(reminders.mark(id, caller.personId(), Notification.Status.DISMISSED));
    }
}
