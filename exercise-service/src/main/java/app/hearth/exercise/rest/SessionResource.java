package app.hearth.exercise.rest;

import app.hearth.exercise.Exercise;
import app.hearth.exercise.ExerciseKind;
import app.hearth.exercise.ExercisePrompt;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.ExerciseStep;
import app.hearth.exercise.Layer;
import app.hearth.exercise.Level;
import app.hearth.exercise.PlanDay;
import app.hearth.exercise.SessionRating;
import app.hearth.exercise.SessionResponse;
import app.hearth.exercise.StepType;
import app.hearth.membership.MembershipService;
import app.hearth.exercise.service.SessionService;
import app.hearth.platform.problem.ApiException;
import app.hearth.platform.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Guided sessions. Each partner's answer to a step stays hidden from the other until both answered; private notes
 * are returned to their author only. Any member can pause at once, for both.
 */
@Path("/v1/couples/{coupleId}/sessions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    Caller caller;

    @Inject
    MembershipService membership;

    @Inject
    SessionService sessions;

    @Inject
    Clock clock;

    public record StartRequest(@NotNull @Pattern(regexp = "[a-z0-9-]{1,80}") String exerciseSlug, Level level,
                               Boolean acknowledgeAdvanced) {
    }

    public record ResponseRequest(@NotBlank @Size(max = 4000) String response, @Size(max = 2000) String privateNote) {
    }

    public record PauseRequest(@Size(max = 40) String pauseWord) {
    }

    public record RatingRequest(@NotNull @Min(1) @Max(5) Integer feltConnected, @NotNull @Min(1) @Max(5) Integer feltSafe) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String response, String privateNote) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(int position, StepType type, String title, String instruction, String timing,
                           Answer mine, Boolean partnerAnswered, Answer partner, Instant completedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PauseView(String pausedBy, Instant pausedAt, boolean pauseWordSaid, Instant resumeNotBefore,
                            List<String> readyToResume) {
    }

    public record Rating(int feltConnected, int feltSafe) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(UUID id, String exerciseSlug, String title, ExerciseKind kind, Set<Layer> layers, Level level,
                              ExerciseSession.Status status, String startedBy, Instant startedAt, PauseView pause,
                              List<String> prompts, List<StepView> steps, Rating myRating, boolean partnerRated,
                              Instant completedAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("coupleId") UUID coupleId,
                          @NotNull(message = "send {\"exerciseSlug\": ...}") @Valid StartRequest request, @Context UriInfo uri) {
        String me = member(coupleId);
        ExerciseSession session = sessions.start(coupleId, me, request.exerciseSlug(), request.level(),
                Boolean.TRUE.equals(request.acknowledgeAdvanced()));
        return Response.created(uri.getAbsolutePathBuilder().path(session.id.toString()).build()).entity(view(session, me)).build();
    }

    @GET
    public List<SessionView> list(@PathParam("coupleId") UUID coupleId) {
        String me = member(coupleId);
        return sessions.list(coupleId).stream().map(s -> view(s, me)).toList();
    }

    @GET
    @Path("/{sessionId}")
    public SessionView get(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId) {
        String me = member(coupleId);
        return view(sessions.get(coupleId, sessionId), me);
    }

    @POST
    @Path("/{sessionId}/steps/{position}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    public SessionView respond(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId,
                               @PathParam("position") int position,
                               @NotNull(message = "send {\"response\": ...}") @Valid ResponseRequest request) {
        String me = member(coupleId);
        return view(sessions.respond(coupleId, sessionId, me, position, request.response(), request.privateNote()), me);
    }

    /** Pause for both, at once. Saying the pause word is optional: the pause never depends on it. */
    @POST
    @Path("/{sessionId}/pause")
    public SessionView pause(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId,
                             @Valid PauseRequest request) {
        String me = member(coupleId);
        boolean said = request != null && request.pauseWord() != null && !request.pauseWord().isBlank();
        return view(sessions.pause(coupleId, sessionId, me, said), me);
    }

    /**
     * "I am ready to go on." 200 when the session resumed; 202 while the partner is not ready yet; 409 with
     * Retry-After during the cool-down (the readiness is kept either way).
     */
    @POST
    @Path("/{sessionId}/resume")
    public Response resume(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId) {
        String me = member(coupleId);
        ExerciseSession session = sessions.resume(coupleId, sessionId, me);
        Instant now = clock.instant();
        if (session.status == ExerciseSession.Status.PAUSED && now.isBefore(session.resumeNotBefore)) {
            throw new ApiException(409, "https://hearth.app/problems/cooling-down", "Conflict", "Take a breath: this "
                    + "session rests until " + session.resumeNotBefore + ". We noted that you are ready; it goes on when "
                    + "the cool-down is over and both of you have said so.", Duration.between(now, session.resumeNotBefore));
        }
        return Response.status(session.status == ExerciseSession.Status.ACTIVE ? 200 : 202).entity(view(session, me)).build();
    }

    @POST
    @Path("/{sessionId}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    public SessionView rate(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId,
                            @NotNull(message = "send {\"feltConnected\": 1-5, \"feltSafe\": 1-5}") @Valid RatingRequest request) {
        String me = member(coupleId);
        return view(sessions.rate(coupleId, sessionId, me, request.feltConnected(), request.feltSafe()), me);
    }

    @POST
    @Path("/{sessionId}/days/{day}/complete")
    public SessionView completeDay(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId,
                                   @PathParam("day") int day) {
        String me = member(coupleId);
        return view(sessions.completeDay(coupleId, sessionId, me, day), me);
    }

    private String member(UUID coupleId) {
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        return me;
    }

    private SessionView view(ExerciseSession session, String me) {
        Exercise exercise = Exercise.findById(session.exerciseSlug);
        List<SessionResponse> responses = sessions.responses(session.id);
        List<PlanDay> days = sessions.days(session.id);
        List<StepView> steps = ExerciseStep.of(session.exerciseSlug).stream().map(step -> {
            if (step.type == StepType.DAY) {
                int day = (int) ExerciseStep.count("slug = ?1 and type = ?2 and position <= ?3", step.slug, StepType.DAY, step.position);
                Instant done = days.stream().filter(d -> d.day == day).map(d -> d.completedAt).findFirst().orElse(null);
                return new StepView(step.position, step.type, step.title, step.instruction, step.timing, null, null, null, done);
            }
            SessionResponse mine = responses.stream().filter(r -> r.stepPosition == step.position && r.partnerId.equals(me)).findFirst().orElse(null);
            SessionResponse theirs = responses.stream().filter(r -> r.stepPosition == step.position && !r.partnerId.equals(me)).findFirst().orElse(null);
            boolean answerable = step.type == StepType.SHARE || step.type == StepType.REFLECT_BACK
                    || step.type == StepType.DEBRIEF || step.type == StepType.QUESTION;
            return new StepView(step.position, step.type, step.title, step.instruction, step.timing,
                    mine == null ? null : new Answer(mine.response, mine.privateNote),
                    answerable ? theirs != null : null,
                    // Revealed only once both answered; the partner's private note never.
                    mine != null && theirs != null ? new Answer(theirs.response, null) : null, null);
        }).toList();
        List<SessionRating> ratings = sessions.ratings(session.id);
        SessionRating myRating = ratings.stream().filter(r -> r.partnerId.equals(me)).findFirst().orElse(null);
        PauseView pause = session.status == ExerciseSession.Status.PAUSED ? new PauseView(session.pausedBy, session.pausedAt,
                session.pauseWordSaid, session.resumeNotBefore, sessions.readyMembers(session.id)) : null;
        List<String> prompts = ExercisePrompt.of(session.exerciseSlug).stream().filter(p -> p.level == session.level)
                .map(p -> p.text).toList();
        return new SessionView(session.id, exercise.slug, exercise.title, exercise.kind, new TreeSet<>(exercise.layers),
                session.level, session.status, session.startedBy, session.startedAt, pause, prompts, steps,
                myRating == null ? null : new Rating(myRating.feltConnected, myRating.feltSafe),
                ratings.stream().anyMatch(r -> !r.partnerId.equals(me)), session.completedAt);
    }
}
