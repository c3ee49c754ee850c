package app.hearth.exercise.rest;

import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.ExerciseEvents.Mood;
import app.hearth.events.ExerciseEvents.ScreenTime;
import app.hearth.exercise.CheckIn;
import app.hearth.exercise.CheckInSubmission;
import app.hearth.membership.CheckInPeriods;
import app.hearth.exercise.service.CheckInService;
import app.hearth.membership.MembershipService;
import app.hearth.platform.problem.ApiException;
import app.hearth.platform.problem.Params;
import app.hearth.platform.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The couple's check-ins. A partner's shared answers are revealed only when both have submitted for the period;
 * a private note is returned to its author alone. Partner apps with {@code checkins.read} see scores only.
 */
@Path("/v1/couples/{coupleId}/check-ins")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CheckInResource {

    @Inject
    Caller caller;

    @Inject
    MembershipService membership;

    @Inject
    CheckInService checkIns;

    public record CheckInRequest(
            @NotNull Mood mood,
            @NotNull @Min(1) @Max(5) Integer moodIntensity,
            @NotNull @Min(1) @Max(7) Integer closeness,
            @NotNull @Min(0) @Max(10) Integer satisfaction,
            @NotNull ScreenTime screenTime,
            @Size(max = 2000) String gratitude,
            @Size(max = 2000) String challenging,
            @Size(max = 2000) String need,
            @Size(max = 2000) String privateNote) {

        CheckInService.Answers answers() {
            return new CheckInService.Answers(mood, moodIntensity, closeness, satisfaction, screenTime, gratitude,
                    challenging, need, privateNote);
        }
    }

    /** The caller's own answers, private note included. */
    public record MySubmission(Mood mood, int moodIntensity, int closeness, int satisfaction, ScreenTime screenTime,
                               String gratitude, String challenging, String need, String privateNote,
                               Instant submittedAt, Instant updatedAt) {
        static MySubmission of(CheckInSubmission s) {
            return new MySubmission(s.mood, s.moodIntensity, s.closeness, s.satisfaction, s.screenTime, s.gratitude,
                    s.challenging, s.need, s.privateNote, s.submittedAt, s.updatedAt);
        }
    }

    /** The partner's answers as the caller sees them once both submitted: no private note, ever. */
    public record PartnerSubmission(String partnerId, Mood mood, int moodIntensity, int closeness, int satisfaction,
                                    ScreenTime screenTime, String gratitude, String challenging, String need,
                                    Instant submittedAt) {
        static PartnerSubmission of(CheckInSubmission s) {
            return new PartnerSubmission(s.partnerId, s.mood, s.moodIntensity, s.closeness, s.satisfaction,
                    s.screenTime, s.gratitude, s.challenging, s.need, s.submittedAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckInView(String period, CheckInCadence cadence, CheckIn.Status status, Instant completedAt,
                              MySubmission mine, boolean partnerSubmitted, PartnerSubmission partner) {
    }

    public record Scores(String partnerId, Mood mood, int moodIntensity, int closeness, int satisfaction, ScreenTime screenTime) {
    }

    /** What a partner app with checkins.read sees: completed check-ins' scores, no text. */
    public record ScoresView(String period, CheckInCadence cadence, Instant completedAt, List<Scores> scores) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@PathParam("coupleId") UUID coupleId,
                           @NotNull(message = "send your check-in as a JSON object") @Valid CheckInRequest request,
                           @Context UriInfo uri) {
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        CheckIn checkIn = checkIns.submit(coupleId, me, request.answers());
        return Response.created(uri.getAbsolutePathBuilder().path(checkIn.period).build()).entity(view(checkIn, me)).build();
    }

    @PUT
    @Path("/{period}/mine")
    @Consumes(MediaType.APPLICATION_JSON)
    public CheckInView edit(@PathParam("coupleId") UUID coupleId, @PathParam("period") String period,
                            @NotNull(message = "send your check-in as a JSON object") @Valid CheckInRequest request) {
        String me = caller.personId();
        CheckInService.Edited edited = checkIns.edit(coupleId, me, validPeriod(period), request.answers());
        if (edited == null) { // not known here as a member yet: confirmed with couple-service (or 404), then again
            membership.requireMember(coupleId, me);
            edited = checkIns.edit(coupleId, me, period, request.answers());
            if (edited == null) {
                throw MembershipService.notFound(coupleId);
            }
        }
        // Still open (an edit is refused once complete), so the partner's answers are not shown.
        return new CheckInView(edited.period(), edited.cadence(), CheckIn.Status.OPEN, null, MySubmission.of(edited.mine()),
                edited.partnerSubmitted(), null);
    }

    @GET
    @Path("/{period}")
    public Object get(@PathParam("coupleId") UUID coupleId, @PathParam("period") String period) {
        if (caller.isPartnerApp()) {
            requirePartnerApp(coupleId);
            CheckIn checkIn = checkIns.find(coupleId, validPeriod(period));
            if (checkIn == null || checkIn.status != CheckIn.Status.COMPLETED) {
                throw ApiException.notFound("No completed check-in for " + period + ".");
            }
            return scores(checkIn);
        }
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        CheckIn checkIn = checkIns.find(coupleId, validPeriod(period));
        if (checkIn == null) {
            throw ApiException.notFound("No check-in for " + period + " yet.");
        }
        return view(checkIn, me);
    }

    @GET
    public List<?> list(@PathParam("coupleId") UUID coupleId, @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("page") String page, @QueryParam("size") String size) {
        int pageNo = Params.intValue("page", page, 0, 10_000).orElse(0);
        int pageSize = Params.intValue("size", size, 1, 100).orElse(20);
        Optional.ofNullable(from).ifPresent(CheckInResource::validPeriod);
        Optional.ofNullable(to).ifPresent(CheckInResource::validPeriod);
        if (caller.isPartnerApp()) {
            requirePartnerApp(coupleId);
            return checkIns.list(coupleId, from, to, pageNo, pageSize).stream()
                    .filter(c -> c.status == CheckIn.Status.COMPLETED).map(this::scores).toList();
        }
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        return checkIns.list(coupleId, from, to, pageNo, pageSize).stream().map(c -> view(c, me)).toList();
    }

    private void requirePartnerApp(UUID coupleId) {
        if (!caller.hasScope("checkins.read")) {
            throw MembershipService.notFound(coupleId);
        }
        membership.requirePartnerApp(coupleId, caller.clientId(), "checkins.read");
    }

    private CheckInView view(CheckIn checkIn, String me) {
        List<CheckInSubmission> all = checkIns.submissions(checkIn.id);
        CheckInSubmission mine = all.stream().filter(s -> s.partnerId.equals(me)).findFirst().orElse(null);
        CheckInSubmission theirs = all.stream().filter(s -> !s.partnerId.equals(me)).findFirst().orElse(null);
        boolean revealed = checkIn.status == CheckIn.Status.COMPLETED;
        return new CheckInView(checkIn.period, checkIn.cadence, checkIn.status, checkIn.completedAt,
                mine == null ? null : MySubmission.of(mine), theirs != null,
                revealed && theirs != null ? PartnerSubmission.of(theirs) : null);
    }

    private ScoresView scores(CheckIn checkIn) {
        return new ScoresView(checkIn.period, checkIn.cadence, checkIn.completedAt, checkIns.submissions(checkIn.id).stream()
                .map(s -> new Scores(caller.memberRef(s.partnerId), s.mood, s.moodIntensity, s.closeness, s.satisfaction,
                        s.screenTime)).toList());
    }

    private static String validPeriod(String period) {
        if (!CheckInPeriods.isValid(period)) {
            throw ApiException.badRequest("period: '" + period + "' is neither a date (2026-11-24) nor an ISO week (2026-W48).");
        }
        return period;
    }
}
