package app.hearth.exercise.rest;

import app.hearth.exercise.AttachmentStyle;
import app.hearth.exercise.ExerciseKind;
import app.hearth.exercise.ExercisePrompt;
import app.hearth.exercise.ExerciseSession;
import app.hearth.exercise.Layer;
import app.hearth.exercise.Level;
import app.hearth.exercise.SessionPrompts;
import app.hearth.exercise.StepType;
import app.hearth.exercise.service.SessionEndings;
import app.hearth.exercise.service.SessionPauses;
import app.hearth.exercise.service.SessionService;
import app.hearth.membership.MembershipService;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.Caller;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Guided sessions. Each partner's answer to a step stays hidden from the other until both answered; private notes
 * are returned to their author only. Any member can pause at once, for both.
 */
@Tag(
        name = "Exercise sessions",
        description =
                "Guided exercises done together. Each partner's answer to a step stays hidden until both answered; private notes are shown to their author only; either member can pause at once, for both.")
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
    SessionPauses pauses;

    @Inject
    SessionEndings endings;

    @Inject
    Clock clock;

    @Inject
    SessionViews views;

    public record StartRequest(
            @Schema(examples = "booster-gratitude-exchange") @NotNull @Pattern(regexp = "[a-z0-9-]{1,80}")
            String exerciseSlug,

            Level level,
            Boolean acknowledgeAdvanced) {}

    public record ResponseRequest(
            @NotBlank @Size(max = 4000) String response,
            @Size(max = 2000) String privateNote) {}

    /** By the prompt's kind: {@code answer} (or {@code skip}), {@code ticked}, or {@code choice}. */
    public record PromptAnswerRequest(
            @Size(max = 4000) String answer, ExercisePrompt.Choice choice, Boolean skip, Boolean ticked) {}

    @Schema(name = "SessionPauseRequest")
    public record PauseRequest(
            @Schema(examples = "pineapple") @Size(max = 40) String pauseWord) {}

    public record EndRequest(
            @Schema(examples = "We will come back to it another evening.") @Size(max = 300)
            String reason) {}

    public record RatingRequest(
            @NotNull @Min(1) @Max(5) Integer feltConnected,
            @NotNull @Min(1) @Max(5) Integer feltSafe) {}

    public record Answer(
            String response, @Schema(nullable = true) String privateNote) {}

    public record StepView(
            int position,
            StepType type,
            String title,
            String instruction,
            @Schema(nullable = true) String timing,
            @Schema(nullable = true) Answer mine,
            @Schema(nullable = true) Boolean partnerAnswered,
            @Schema(nullable = true) Answer partner,
            @Schema(nullable = true) Instant completedAt) {}

    public record PromptAnswerView(
            @Schema(nullable = true) String answer,
            @Schema(nullable = true) ExercisePrompt.Choice choice,
            @Schema(nullable = true) Boolean skipped,
            @Schema(nullable = true) Boolean ticked) {}

    /**
     * A prompt as played in this session. {@code partner}: the partner's answer, once both answered (never for a
     * private exercise; a checklist's ticks are shared as they happen). {@code correctChoice} and {@code explanation}:
     * a quiz statement's answer, once you gave yours. {@code askedBy}: who asks it, where partners take turns.
     */
    public record PromptView(
            int position,
            @Schema(nullable = true) Integer step,
            Level level,
            ExercisePrompt.AnswerKind answerKind,
            String text,
            @Schema(nullable = true) String detail,
            @Schema(nullable = true) String askedBy,
            @Schema(nullable = true) PromptAnswerView mine,
            boolean partnerAnswered,
            @Schema(nullable = true) PromptAnswerView partner,
            @Schema(nullable = true) ExercisePrompt.Choice correctChoice,
            @Schema(nullable = true) String explanation) {}

    /** Prompts answered (or skipped, or ticked) by both, by you, by your partner, out of the session's total. */
    public record ProgressView(int total, int answeredByBoth, int mine, int partner) {}

    /** The prompt the couple is on and who asks it. */
    public record TurnView(int prompt, String askedBy, boolean yours) {}

    /** Quiz scores: yours over what you answered; your partner's over statements you both answered. */
    public record ScoresView(
            SessionPrompts.Score mine,
            @Schema(nullable = true) SessionPrompts.Score partner) {}

    @Schema(name = "SessionPause")
    public record PauseView(
            @Schema(nullable = true) String pausedBy,
            Instant pausedAt,
            boolean pauseWordSaid,
            @Schema(nullable = true) Instant resumeNotBefore,
            List<String> readyToResume) {}

    public record Rating(int feltConnected, int feltSafe) {}

    public record EndView(
            @Schema(nullable = true) String endedBy,
            @Schema(nullable = true) Instant endedAt,
            @Schema(nullable = true) String reason) {}

    /**
     * Shown with every intense exercise (advanced, or one with safety notes), before its steps: the couple's agreed
     * pause word when they have one, and that pausing is always one tap away.
     */
    public record SafetyView(@Schema(nullable = true) String pauseWord, String reminder, List<String> guidance) {}

    /** {@code level}: the prompts shown; {@code pacingLevel}: what pacing counts (never below the exercise's own). */
    public record SessionView(
            UUID id,
            String exerciseSlug,
            String title,
            ExerciseKind kind,
            Set<Layer> layers,
            Level level,
            Level pacingLevel,
            ExerciseSession.Status status,
            @Schema(nullable = true) String startedBy,
            Instant startedAt,
            @Schema(nullable = true) SafetyView safety,
            @Schema(nullable = true) PauseView pause,
            List<PromptView> prompts,
            @Schema(nullable = true) ProgressView progress,
            @Schema(nullable = true) TurnView turn,
            @Schema(nullable = true) ScoresView scores,
            List<StepView> steps,
            @Schema(nullable = true) Rating myRating,
            boolean partnerRated,
            @Schema(nullable = true) Instant completedAt,
            @Schema(nullable = true) EndView ended,

            @Schema(
                    nullable = true,
                    description =
                            "Prompts this session holds back for a deeper level (the 36 questions: the next set), and who asked to go there; null when there are none or the session is over.")
            DeeperView deeper,

            @Schema(
                    nullable = true,
                    description =
                            "The attachment self-check: the style your own ticks suggest. Yours alone: never in your partner's view of the session.")
            AttachmentView attachment) {}

    /** What your self-check ticks suggest: {@code style} null when none stands out; {@code guidance} explains all three. */
    public record AttachmentView(
            @Schema(nullable = true) AttachmentStyle style,
            @Schema(nullable = true) String meaning,
            int ticked,
            String guidance) {}

    /**
     * What going deeper would add: {@code prompts} more at {@code level}, once both asked ({@code POST .../deeper});
     * {@code why} explains the pacing rather than holding the prompts back silently.
     */
    public record DeeperView(Level level, int prompts, boolean askedByMe, boolean askedByPartner, String why) {}

    @Operation(
            operationId = "startSession",
            summary = "Start a session",
            description =
                    "Starts an exercise from the catalogue for the couple. Intense exercises wait until both members confirmed their safety agreements in couple-service (409 `safety-agreements-needed`), then show the pause word and safety notes first; pacing keeps deeper layers for couples who did the earlier ones.")
    @APIResponse(
            responseCode = "201",
            description = "The session; `Location` names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionView.class)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(
            @PathParam("coupleId") UUID coupleId,
            @NotNull(message = "send {\"exerciseSlug\": ...}") @Valid StartRequest request,
            @Context UriInfo uri) {
        String me = member(coupleId);
        ExerciseSession session = membership.withSafetyAgreements(
                coupleId,
                agreementsConfirmed -> sessions.start(
                        coupleId,
                        me,
                        request.exerciseSlug(),
                        request.level(),
                        Boolean.TRUE.equals(request.acknowledgeAdvanced()),
                        agreementsConfirmed));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(session.id.toString()).build())
                .entity(view(session, me))
                .build();
    }

    /** The couple's sessions, newest first, a page at a time (the same few queries whatever the page holds). */
    @Operation(
            operationId = "listSessions",
            summary = "List sessions",
            description = "The couple's sessions, newest first, a page at a time.")
    @GET
    public RestResponse<PageOf<SessionView>> list(
            @PathParam("coupleId") UUID coupleId,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri) {
        String me = member(coupleId);
        PageOf<ExerciseSession> found = sessions.list(coupleId, PageRequest.of(page, size));
        return PageLinks.answer(
                new PageOf<>(views.of(coupleId, found.items(), me), found.page(), found.size(), found.total()), uri);
    }

    @Operation(
            operationId = "getSession",
            summary = "Get a session",
            description = "A session with its steps, where the couple is, and the answers both may see.")
    @GET
    @Path("/{sessionId}")
    public SessionView get(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId) {
        String me = member(coupleId);
        return view(sessions.get(coupleId, sessionId), me);
    }

    @Operation(
            operationId = "respondToStep",
            summary = "Respond to a step",
            description = "Records the caller's response to a step of the session.")
    @POST
    @Path("/{sessionId}/steps/{position}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    public SessionView respond(
            @PathParam("coupleId") UUID coupleId,
            @PathParam("sessionId") UUID sessionId,
            @PathParam("position") int position,
            @NotNull(message = "send {\"response\": ...}") @Valid ResponseRequest request) {
        String me = member(coupleId);
        return view(sessions.respond(coupleId, sessionId, me, position, request.response(), request.privateNote()), me);
    }

    /** The caller's answer to one prompt: words or a skip, a tick or untick, or a quiz choice. */
    @Operation(
            operationId = "answerPrompt",
            summary = "Answer a prompt",
            description =
                    "The caller's answer to one prompt: words or a skip, a tick or untick, or a quiz choice. Replaces an earlier answer of the caller's.")
    @PUT
    @Path("/{sessionId}/prompts/{position}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    public SessionView answerPrompt(
            @PathParam("coupleId") UUID coupleId,
            @PathParam("sessionId") UUID sessionId,
            @PathParam("position") int position,
            @NotNull(
                            message =
                                    "send {\"answer\": ...}, {\"skip\": true}, {\"ticked\": true|false} or {\"choice\": \"MYTH\"|\"TRUE\"}")
                    @Valid
                    PromptAnswerRequest request) {
        String me = member(coupleId);
        return view(
                sessions.answerPrompt(
                        coupleId,
                        sessionId,
                        me,
                        position,
                        new SessionService.PromptAnswer(
                                request.answer(),
                                request.choice(),
                                Boolean.TRUE.equals(request.skip()),
                                request.ticked())),
                me);
    }

    /** Pause for both, at once. Saying the pause word is optional: the pause never depends on it. */
    @Operation(
            operationId = "pauseSession",
            summary = "Pause a session",
            description =
                    "Pauses the session for both, at once. Saying the pause word is optional: the pause never depends on it.")
    @POST
    @Path("/{sessionId}/pause")
    public SessionView pause(
            @PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId, @Valid PauseRequest request) {
        String me = member(coupleId);
        boolean said = request != null
                && request.pauseWord() != null
                && !request.pauseWord().isBlank();
        return view(pauses.pause(coupleId, sessionId, me, said), me);
    }

    /**
     * "I am ready to go on." 200 when the session resumed; 202 while the partner is not ready yet; 409 with
     * Retry-After during the cool-down (the readiness is kept either way).
     */
    @Operation(
            operationId = "resumeSession",
            summary = "Resume a session",
            description = "Resumes a paused session, after the cooling-down time the guide asks for.")
    @APIResponse(
            responseCode = "200",
            description = "Resumed: the session.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionView.class)))
    @APIResponse(
            responseCode = "202",
            description = "Resumed for you; the session goes on when your partner is ready too.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionView.class)))
    @POST
    @Path("/{sessionId}/resume")
    public Response resume(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId) {
        String me = member(coupleId);
        ExerciseSession session = pauses.resume(coupleId, sessionId, me);
        Instant now = clock.instant();
        if (session.status == ExerciseSession.Status.PAUSED && now.isBefore(session.resumeNotBefore)) {
            throw new ApiException(
                    409,
                    "https://hearth.app/problems/cooling-down",
                    "Conflict",
                    "Take a breath: this "
                            + "session rests until " + session.resumeNotBefore
                            + ". We noted that you are ready; it goes on when "
                            + "the cool-down is over and both of you have said so.",
                    Duration.between(now, session.resumeNotBefore));
        }
        return Response.status(session.status == ExerciseSession.Status.ACTIVE ? 200 : 202)
                .entity(view(session, me))
                .build();
    }

    @Operation(
            operationId = "requestDeeperPrompts",
            summary = "Go deeper in a session",
            description =
                    "Asks to take a session that plays its prompts in sequence to the next level's prompts in the same sitting (the 36 questions: the next set, up to the full hour). It goes deeper once both members asked, as pacing allows: not during a gentle period if that would be intense work, and advanced work counts against the week's limit.")
    @APIResponse(
            responseCode = "200",
            description = "Both asked: the session now plays the deeper prompts.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionView.class)))
    @APIResponse(
            responseCode = "202",
            description = "Noted; the session goes deeper when your partner asks too.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionView.class)))
    @POST
    @Path("/{sessionId}/deeper")
    public Response goDeeper(@PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId) {
        String me = member(coupleId);
        SessionService.DeeperAsked asked = membership.withSafetyAgreements(
                coupleId, agreementsConfirmed -> sessions.goDeeper(coupleId, sessionId, me, agreementsConfirmed));
        return Response.status(asked.wentDeeper() ? 200 : 202)
                .entity(view(asked.session(), me))
                .build();
    }

    /** Either partner ends a session that will not be finished; it never blocks starting another. */
    @Operation(
            operationId = "endSession",
            summary = "End a session",
            description = "Either member ends a session that will not be finished; it never blocks starting another.")
    @POST
    @Path("/{sessionId}/end")
    public SessionView end(
            @PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId, @Valid EndRequest request) {
        String me = member(coupleId);
        return view(endings.end(coupleId, sessionId, me, request == null ? null : request.reason()), me);
    }

    @Operation(
            operationId = "rateSession",
            summary = "Rate a session",
            description = "How the exercise felt to the caller, once per member; feeds recommendations.")
    @POST
    @Path("/{sessionId}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    public SessionView rate(
            @PathParam("coupleId") UUID coupleId,
            @PathParam("sessionId") UUID sessionId,
            @NotNull(message = "send {\"feltConnected\": 1-5, \"feltSafe\": 1-5}") @Valid RatingRequest request) {
        String me = member(coupleId);
        return view(endings.rate(coupleId, sessionId, me, request.feltConnected(), request.feltSafe()), me);
    }

    @Operation(
            operationId = "completePlanDay",
            summary = "Complete a plan day",
            description =
                    "Marks a day of a multi-day plan (the detox plan, say) done; a day cannot be done ahead of its date.")
    @POST
    @Path("/{sessionId}/days/{day}/complete")
    public SessionView completeDay(
            @PathParam("coupleId") UUID coupleId, @PathParam("sessionId") UUID sessionId, @PathParam("day") int day) {
        String me = member(coupleId);
        return view(endings.completeDay(coupleId, sessionId, me, day), me);
    }

    private String member(UUID coupleId) {
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        return me;
    }

    private SessionView view(ExerciseSession session, String me) {
        return views.of(session.coupleId, List.of(session), me).get(0);
    }
}
