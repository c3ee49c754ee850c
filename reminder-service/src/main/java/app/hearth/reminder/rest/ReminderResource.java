package app.hearth.reminder.rest;

import app.hearth.membership.MembershipService;
import app.hearth.platform.security.Caller;
import app.hearth.reminder.Reminder;
import app.hearth.reminder.rest.ReminderViews.CreateReminderRequest;
import app.hearth.reminder.rest.ReminderViews.ReminderView;
import app.hearth.reminder.service.ReminderService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Personal reminders and couple reminders (to both members, or to chosen ones). */
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


    @POST
    @Path("/me/reminders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createPersonal(@NotNull(message = "send the reminder as a JSON object") @Valid CreateReminderRequest request) {
        String me = caller.personId();
        if (request.recipients() != null && !List.of(me).containsAll(request.recipients())) {
            throw app.hearth.platform.problem.ApiException.badRequest("recipients: a personal reminder goes to you alone; "
                    + "create it under /v1/couples/{coupleId}/reminders to remind your partner.");
        }
        return created(reminders.create(me, null, List.of(me), spec(request)));
    }

    @POST
    @Path("/couples/{coupleId}/reminders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createForCouple(@PathParam("coupleId") UUID coupleId,
                                    @NotNull(message = "send the reminder as a JSON object") @Valid CreateReminderRequest request) {
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        List<String> recipients = request.recipients() == null || request.recipients().isEmpty()
                ? app.hearth.membership.CoupleViewMember.memberIds(coupleId) : request.recipients();
        return created(reminders.create(me, coupleId, recipients, spec(request)));
    }

    @GET
    @Path("/me/reminders")
    public List<ReminderView> mine() {
        String me = caller.personId();
        return reminders.receivedBy(me).stream().map(r -> ReminderView.of(r, reminders.recipients(r.id))).toList();
    }

    @GET
    @Path("/couples/{coupleId}/reminders")
    public List<ReminderView> ofCouple(@PathParam("coupleId") UUID coupleId) {
        membership.requireMember(coupleId, caller.personId());
        return reminders.ofCouple(coupleId).stream().map(r -> ReminderView.of(r, reminders.recipients(r.id))).toList();
    }

    @GET
    @Path("/me/reminders/{reminderId}")
    public ReminderView get(@PathParam("reminderId") UUID reminderId) {
        Reminder reminder = reminders.visibleTo(reminderId, caller.personId());
        return ReminderView.of(reminder, reminders.recipients(reminderId));
    }

    public record PauseRequest(@NotNull LocalDate until) {
    }

    public record PauseView(LocalDate until) {
    }

    /** Vacation: pause all my reminders through a date. */
    @POST
    @Path("/me/reminders/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    public PauseView pause(@NotNull(message = "send {\"until\": \"2026-12-31\"}") @Valid PauseRequest request) {
        return new PauseView(reminders.pause(caller.personId(), request.until()).untilDate);
    }

    @POST
    @Path("/me/reminders/resume")
    public void resume() {
        reminders.resume(caller.personId());
    }

    /** Skips the caller's next occurrence ("not this time"). */
    @POST
    @Path("/me/reminders/{reminderId}/skip-next")
    public ReminderView skipNext(@PathParam("reminderId") UUID reminderId) {
        reminders.skipNext(reminderId, caller.personId());
        return ReminderView.of(reminders.visibleTo(reminderId, caller.personId()), reminders.recipients(reminderId));
    }

    /** Changes a reminder (its owner, or either member for a couple's reminder); every recipient is replanned. */
    @PATCH
    @Path("/me/reminders/{reminderId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReminderView update(@PathParam("reminderId") UUID reminderId,
                               @NotNull(message = "send the changes as a JSON object") @Valid ReminderViews.UpdateReminderRequest r) {
        Reminder reminder = reminders.update(reminderId, caller.personId(), new ReminderService.Change(r.title(), r.rrule(),
                r.timeOfDay(), r.startDate(), r.zonePolicy(), r.fixedZone(), r.sharedMomentMinutes(), r.sharedMoment()));
        return ReminderView.of(reminder, reminders.recipients(reminderId));
    }

    @GET
    @Path("/me/reminder-settings")
    public ReminderViews.SettingsView settings() {
        return new ReminderViews.SettingsView(reminders.settings(caller.personId()).partnerWaitingNudge);
    }

    /** {@code partnerWaitingNudge: false}: no "your partner is waiting" nudges for me (pending ones are cancelled). */
    @PUT
    @Path("/me/reminder-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReminderViews.SettingsView changeSettings(@NotNull(message = "send {\"partnerWaitingNudge\": false}")
                                                     @Valid ReminderViews.SettingsRequest request) {
        return new ReminderViews.SettingsView(reminders.changeSettings(caller.personId(), request.partnerWaitingNudge())
                .partnerWaitingNudge);
    }

    @DELETE
    @Path("/me/reminders/{reminderId}")
    public void delete(@PathParam("reminderId") UUID reminderId) {
        reminders.delete(reminderId, caller.personId());
    }

    private ReminderService.Spec spec(CreateReminderRequest r) {
        // No start date: the series starts now, in each recipient's zone (COUNT=3 fires three times from here).
        return new ReminderService.Spec(r.kind(), r.title(), r.exerciseSlug(), r.rrule(), r.startDate(), r.timeOfDay(),
                r.zonePolicy(), r.fixedZone(), r.sharedMomentMinutes(), Reminder.Origin.USER);
    }

    private Response created(Reminder reminder) {
        return Response.created(java.net.URI.create("/v1/me/reminders/" + reminder.id))
                .entity(ReminderView.of(reminder, reminders.recipients(reminder.id))).build();
    }
}
