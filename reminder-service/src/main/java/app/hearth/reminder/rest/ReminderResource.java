package app.hearth.reminder.rest;

import app.hearth.membership.CoupleViewMember;
import app.hearth.membership.MembershipService;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.IfMatch;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.OAuthSchemes;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.rest.ReminderViews.CreateReminderRequest;
import app.hearth.reminder.rest.ReminderViews.ReminderView;
import app.hearth.reminder.service.ReminderService;
import app.hearth.reminder.webhook.WebhookService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Personal reminders and couple reminders (to both members, or to chosen ones). */
@Tag(
        name = "Reminders",
        description =
                "Recurring, time-zone-aware reminders: personal ones, and a couple's (to both members or to chosen ones), kept out of each person's quiet hours.")
@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ReminderResource {

    @Inject
    Caller caller;

    @Inject
    MembershipService membership;

    @Inject
    ReminderService reminders;

    @Operation(
            operationId = "createMyReminder",
            summary = "Create a personal reminder",
            description = "A reminder for you alone, on a recurrence rule in your time zone.")
    @APIResponse(
            responseCode = "201",
            description = "The reminder with its recipients; `Location` names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReminderView.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "The reminder's version, for `If-Match` on `updateReminder`.",
                            schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/me/reminders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createPersonal(
            @NotNull(message = "send the reminder as a JSON object") @Valid CreateReminderRequest request) {
        String me = caller.personId();
        if (request.recipients() != null && !List.of(me).containsAll(request.recipients())) {
            throw ApiException.badRequest("recipients: a personal reminder goes to you alone; "
                    + "create it under /v1/couples/{coupleId}/reminders to remind your partner.");
        }
        return created(reminders.create(me, null, List.of(me), spec(request)));
    }

    @Operation(
            operationId = "createCoupleReminder",
            summary = "Create a couple reminder",
            description = "A reminder for the couple, to both members or to chosen ones, each at their own local time.")
    @APIResponse(
            responseCode = "201",
            description = "The reminder with its recipients; `Location` names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReminderView.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "The reminder's version, for `If-Match` on `updateReminder`.",
                            schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/couples/{coupleId}/reminders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createForCouple(
            @PathParam("coupleId") UUID coupleId,
            @NotNull(message = "send the reminder as a JSON object") @Valid CreateReminderRequest request) {
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        List<String> recipients =
                request.recipients() == null || request.recipients().isEmpty()
                        ? CoupleViewMember.memberIds(coupleId)
                        : request.recipients();
        return created(reminders.create(me, coupleId, recipients, spec(request)));
    }

    @Operation(
            operationId = "listMyReminders",
            summary = "List my reminders",
            description = "Your reminders, personal and those of your couples you receive, with their next occurrence.")
    @GET
    @Path("/me/reminders")
    public RestResponse<PageOf<ReminderView>> mine(
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        String me = caller.personId();
        List<ReminderView> all = reminders.receivedBy(me).stream()
                .map(r -> ReminderView.of(r, reminders.recipients(r.id)))
                .toList();
        return PageLinks.answer(PageOf.of(all, PageRequest.of(page, size)), uri);
    }

    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.REMINDERS_READ)
    @Operation(
            operationId = "listCoupleReminders",
            summary = "List a couple's reminders",
            description =
                    "The couple's reminders; for a partner app holding the couple's `reminders.read` grant (and the scope in its token), without the titles people wrote and with members under the app's pseudonyms.")
    @GET
    @Path("/couples/{coupleId}/reminders")
    public RestResponse<PageOf<ReminderView>> ofCouple(
            @PathParam("coupleId") UUID coupleId,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri) {
        PageRequest request = PageRequest.of(page, size);
        if (caller.isPartnerApp()) {
            membership.requirePartnerApp(coupleId, caller.clientId(), WebhookService.PARTNER_APP_SCOPE);
            List<ReminderView> all = reminders.ofCouple(coupleId).stream()
                    .map(r -> ReminderView.forPartnerApp(r, reminders.recipients(r.id), caller::memberRef))
                    .toList();
            return PageLinks.answer(PageOf.of(all, request), uri);
        }
        membership.requireMember(coupleId, caller.personId());
        List<ReminderView> all = reminders.ofCouple(coupleId).stream()
                .map(r -> ReminderView.of(r, reminders.recipients(r.id)))
                .toList();
        return PageLinks.answer(PageOf.of(all, request), uri);
    }

    @Operation(
            operationId = "getMyReminder",
            summary = "Get a reminder",
            description = "One of your reminders with its next occurrences.")
    @APIResponse(
            responseCode = "200",
            description = "The reminder, with its `ETag`.",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The reminder's version, for `If-Match` on `updateReminder`.",
                            schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/me/reminders/{reminderId}")
    public RestResponse<ReminderView> get(@PathParam("reminderId") UUID reminderId) {
        return withETag(reminders.visibleTo(reminderId, caller.personId()));
    }

    @Schema(name = "RemindersPauseRequest")
    public record PauseRequest(@NotNull LocalDate until) {}

    @Schema(name = "RemindersPause")
    public record PauseView(LocalDate until) {}

    /** Vacation: pause all my reminders through a date. */
    @Operation(
            operationId = "pauseMyReminders",
            summary = "Pause my reminders",
            description = "Vacation: pauses all your reminders through a date.")
    @POST
    @Path("/me/reminders/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    public PauseView pause(@NotNull(message = "send {\"until\": \"2026-12-31\"}") @Valid PauseRequest request) {
        return new PauseView(reminders.pause(caller.personId(), request.until()).untilDate);
    }

    @Operation(
            operationId = "resumeMyReminders",
            summary = "Resume my reminders",
            description = "Ends a pause before its date.")
    // A POST that returns nothing answers 204 (the document would otherwise say 201, as for a creation).
    @APIResponse(responseCode = "204", description = "Resumed (or nothing was paused).")
    @POST
    @Path("/me/reminders/resume")
    public void resume() {
        reminders.resume(caller.personId());
    }

    /** Skips the caller's next occurrence ("not this time"). */
    @Operation(
            operationId = "skipNextReminder",
            summary = "Skip the next occurrence",
            description = "Skips your next occurrence of a reminder (\"not this time\").")
    @POST
    @Path("/me/reminders/{reminderId}/skip-next")
    public ReminderView skipNext(@PathParam("reminderId") UUID reminderId) {
        reminders.skipNext(reminderId, caller.personId());
        return ReminderView.of(reminders.visibleTo(reminderId, caller.personId()), reminders.recipients(reminderId));
    }

    /** Changes a reminder (its owner, or either member for a couple's reminder); every recipient is replanned. */
    @Operation(
            operationId = "updateReminder",
            summary = "Change a reminder",
            description =
                    "Changes a reminder (its owner, or either member for a couple reminder); fields not sent keep their value, and every recipient is replanned.")
    @APIResponse(
            responseCode = "200",
            description = "The reminder as changed, with its new `ETag`.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "428",
            description =
                    "A couple's reminder changed without `If-Match`: either member can "
                            + "change it, so a change must name the version it was made on (type `https://hearth.app/problems/precondition-required`).")
    @PATCH
    @Path("/me/reminders/{reminderId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<ReminderView> update(
            @PathParam("reminderId") UUID reminderId,
            @Parameter(
                            description =
                                    "The `ETag` of the reminder this change was made on (or `*`); required for a couple's "
                                            + "reminder.")
                    @HeaderParam(IfMatch.HEADER)
                    String ifMatch,
            @NotNull(message = "send the changes as a JSON object") @Valid ReminderViews.UpdateReminderRequest r) {
        return withETag(reminders.update(
                reminderId,
                caller.personId(),
                new ReminderService.Change(
                        r.title(),
                        r.rrule(),
                        r.timeOfDay(),
                        r.startDate(),
                        r.zonePolicy(),
                        r.fixedZone(),
                        r.sharedMomentMinutes(),
                        r.sharedMoment()),
                IfMatch.of(ifMatch)));
    }

    private RestResponse<ReminderView> withETag(Reminder reminder) {
        return RestResponse.ResponseBuilder.ok(ReminderView.of(reminder, reminders.recipients(reminder.id)))
                .header(HttpHeaders.ETAG, IfMatch.etag(reminder.version))
                .build();
    }

    @Operation(
            operationId = "getReminderSettings",
            summary = "Get my reminder settings",
            description =
                    "How reminders reach you: the \"your partner is waiting\" nudges, and what pushes show on a locked screen.")
    @GET
    @Path("/me/reminder-settings")
    public ReminderViews.SettingsView settings() {
        return ReminderViews.SettingsView.of(reminders.settings(caller.personId()));
    }

    /** {@code partnerWaitingNudge: false}: no "your partner is waiting" nudges for me (pending ones are cancelled). */
    @Operation(
            operationId = "changeReminderSettings",
            summary = "Change my reminder settings",
            description =
                    "`partnerWaitingNudge: false`: no \"your partner is waiting\" nudges for you (pending ones are cancelled). `lockScreenDetails: true`: pushes show the reminder's own words on a locked screen. What is left out stays as it is.")
    @PUT
    @Path("/me/reminder-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReminderViews.SettingsView changeSettings(
            @NotNull(message = "send {\"partnerWaitingNudge\": false}") @Valid ReminderViews.SettingsRequest request) {
        return ReminderViews.SettingsView.of(reminders.changeSettings(
                caller.personId(), request.partnerWaitingNudge(), request.lockScreenDetails()));
    }

    @Operation(
            operationId = "deleteReminder",
            summary = "Delete a reminder",
            description = "Deletes a reminder and every occurrence still to come.")
    @DELETE
    @Path("/me/reminders/{reminderId}")
    public void delete(@PathParam("reminderId") UUID reminderId) {
        reminders.delete(reminderId, caller.personId());
    }

    private ReminderService.Spec spec(CreateReminderRequest r) {
        // No start date: the series starts now, in each recipient's zone (COUNT=3 fires three times from here).
        return new ReminderService.Spec(
                r.kind(),
                r.title(),
                r.exerciseSlug(),
                r.rrule(),
                r.startDate(),
                r.timeOfDay(),
                r.zonePolicy(),
                r.fixedZone(),
                r.sharedMomentMinutes(),
                Reminder.Origin.USER);
    }

    /** A created reminder with its version, so a client can change it with If-Match without reading it first. */
    private Response created(Reminder reminder) {
        return Response.created(URI.create("/v1/me/reminders/" + reminder.id))
                .entity(ReminderView.of(reminder, reminders.recipients(reminder.id)))
                .header(HttpHeaders.ETAG, IfMatch.etag(reminder.version))
                .build();
    }
}
