package app.hearth.exercise.rest;

import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.events.ExerciseEvents.Mood;
import app.hearth.events.ExerciseEvents.ScreenTime;
import app.hearth.exercise.CheckIn;
import app.hearth.exercise.CheckInSubmission;
import app.hearth.exercise.service.CheckInService;
import app.hearth.membership.CheckInPeriods;
import app.hearth.membership.MembershipService;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.IfMatch;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.AnswerViews;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.OAuthSchemes;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The couple's check-ins. A partner's shared answers are revealed only when both have submitted for the period;
 * a private note is returned to its author alone. Partner apps with {@code checkins.read} see scores only.
 */
@Tag(
        name = "Check-ins",
        description =
                "The couple's regular check-ins, one per period of the couple's cadence. A partner's answers are shown only once both submitted; a private note is shown to its author alone.")
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
            @Schema(examples = "CONTENT") @NotNull Mood mood,
            @Schema(examples = "3") @NotNull @Min(1) @Max(5) Integer moodIntensity,
            @Schema(examples = "5") @NotNull @Min(1) @Max(7) Integer closeness,

            @Schema(examples = "7") @NotNull @Min(0) @Max(10)
            Integer satisfaction,

            @Schema(examples = "1_TO_3H") @NotNull ScreenTime screenTime,

            @Schema(examples = "The walk after dinner, phones at home.") @Size(max = 2000)
            String gratitude,

            @Schema(examples = "Sunday felt rushed.") @Size(max = 2000)
            String challenging,

            @Schema(examples = "An evening just for us.") @Size(max = 2000)
            String need,

            @Size(max = 2000) String privateNote) {

        CheckInService.Answers answers() {
            return new CheckInService.Answers(
                    mood,
                    moodIntensity,
                    closeness,
                    satisfaction,
                    screenTime,
                    gratitude,
                    challenging,
                    need,
                    privateNote);
        }
    }

    /** The caller's own answers, private note included. */
    public record MySubmission(
            Mood mood,
            int moodIntensity,
            int closeness,
            int satisfaction,
            ScreenTime screenTime,
            @Schema(nullable = true) String gratitude,
            @Schema(nullable = true) String challenging,
            @Schema(nullable = true) String need,
            @Schema(nullable = true) String privateNote,
            Instant submittedAt,
            @Schema(nullable = true) Instant updatedAt) {
        static MySubmission of(CheckInSubmission s) {
            return new MySubmission(
                    s.mood,
                    s.moodIntensity,
                    s.closeness,
                    s.satisfaction,
                    s.screenTime,
                    s.gratitude,
                    s.challenging,
                    s.need,
                    s.privateNote,
                    s.submittedAt,
                    s.updatedAt);
        }
    }

    /** The partner's answers as the caller sees them once both submitted: no private note, ever. */
    public record PartnerSubmission(
            String partnerId,
            Mood mood,
            int moodIntensity,
            int closeness,
            int satisfaction,
            ScreenTime screenTime,
            @Schema(nullable = true) String gratitude,
            @Schema(nullable = true) String challenging,
            @Schema(nullable = true) String need,
            Instant submittedAt) {
        static PartnerSubmission of(CheckInSubmission s) {
            return new PartnerSubmission(
                    s.partnerId,
                    s.mood,
                    s.moodIntensity,
                    s.closeness,
                    s.satisfaction,
                    s.screenTime,
                    s.gratitude,
                    s.challenging,
                    s.need,
                    s.submittedAt);
        }
    }

    /** An item of the check-in list: a member's view, or what a partner app sees. */
    @Schema(
            name = "CheckInListItem",
            oneOf = {CheckInView.class, ScoresView.class},
            discriminatorProperty = "view",
            discriminatorMapping = {
                @DiscriminatorMapping(value = AnswerViews.MEMBER, schema = CheckInView.class),
                @DiscriminatorMapping(value = AnswerViews.PARTNER_APP, schema = ScoresView.class)
            })
    public sealed interface CheckInListItem permits CheckInView, ScoresView {}

    public record CheckInView(
            @Schema(enumeration = AnswerViews.MEMBER, description = "Which view this is (the discriminator).")
            String view,

            @Schema(examples = "2026-W48") String period,
            CheckInCadence cadence,
            CheckIn.Status status,
            @Schema(nullable = true) Instant completedAt,
            @Schema(nullable = true) MySubmission mine,
            boolean partnerSubmitted,
            @Schema(nullable = true) PartnerSubmission partner)
            implements CheckInListItem {}

    public record Scores(
            String partnerId, Mood mood, int moodIntensity, int closeness, int satisfaction, ScreenTime screenTime) {}

    /** What a partner app with checkins.read sees: completed check-ins' scores, no text. */
    public record ScoresView(
            @Schema(enumeration = AnswerViews.PARTNER_APP, description = "Which view this is (the discriminator).")
            String view,

            String period,
            CheckInCadence cadence,
            @Schema(nullable = true) Instant completedAt,
            List<Scores> scores)
            implements CheckInListItem {}

    @Operation(
            operationId = "submitCheckIn",
            summary = "Submit my check-in",
            description =
                    "Submits your answers for the current period. Your partner sees them only when they have submitted too; your private note never leaves you.")
    @APIResponse(
            responseCode = "201",
            description = "Your check-in for the period; your partner's answers appear once they submitted too.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CheckInView.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "Your answers' version, for `If-Match` on `editMyCheckIn`.",
                            schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(
            @PathParam("coupleId") UUID coupleId,
            @NotNull(message = "send your check-in as a JSON object") @Valid CheckInRequest request,
            @Context UriInfo uri) {
        String me = caller.personId();
        CheckInService.Submitted submitted =
                membership.asMember(coupleId, me, () -> checkIns.submit(coupleId, me, request.answers()));
        CheckIn checkIn = submitted.checkIn();
        CheckInView view = view(checkIn, submitted.submissions(), me);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(checkIn.period).build())
                .entity(view)
                .header(HttpHeaders.ETAG, etag(view))
                .build();
    }

    @Operation(
            operationId = "editMyCheckIn",
            summary = "Edit my check-in",
            description =
                    "Replaces your answers for a period while it is still open (your partner has not submitted yet).")
    @APIResponse(
            responseCode = "200",
            description = "The check-in with your answers as changed, and their new `ETag`.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @PUT
    @Path("/{period}/mine")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<CheckInView> edit(
            @PathParam("coupleId") UUID coupleId,
            @PathParam("period") String period,
            @Parameter(
                            description =
                                    "The `ETag` of your answers this edit was made on (from submitting or reading the check-in); "
                                            + "without it the edit replaces whatever is there.")
                    @HeaderParam(IfMatch.HEADER)
                    String ifMatch,
            @NotNull(message = "send your check-in as a JSON object") @Valid CheckInRequest request) {
        String me = caller.personId();
        IfMatch condition = IfMatch.of(ifMatch);
        String valid = validPeriod(period);
        CheckInService.Edited edited = membership.asMember(
                coupleId, me, () -> checkIns.edit(coupleId, me, valid, request.answers(), condition));
        // Still open (an edit is refused once complete), so the partner's answers are not shown.
        CheckInView view = new CheckInView(
                AnswerViews.MEMBER,
                edited.period(),
                edited.cadence(),
                CheckIn.Status.OPEN,
                null,
                MySubmission.of(edited.mine()),
                edited.partnerSubmitted(),
                null);
        return RestResponse.ResponseBuilder.ok(view)
                .header(HttpHeaders.ETAG, etag(view))
                .build();
    }

    /** The version of the caller's answers, which {@code PUT .../mine} is conditional on; none before submitting. */
    private static String etag(CheckInView view) {
        return view.mine() == null
                ? null
                : IfMatch.etag(CheckInSubmission.versionOf(view.mine().updatedAt()));
    }

    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.CHECKINS_READ)
    @Operation(
            operationId = "getCheckIn",
            summary = "Get a check-in",
            description =
                    "One period's check-in: your answers, and your partner's once both submitted. A partner app with `checkins.read` sees completed check-ins' scores only.")
    @APIResponse(
            responseCode = "200",
            description =
                    "For a member, the check-in with your answers and, once both submitted, your partner's; for a partner app, the scores of a completed one.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CheckInListItem.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description =
                                    "For a member who submitted: your answers' version, for `If-Match` on `editMyCheckIn`.",
                            schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/{period}")
    public RestResponse<Object> get(@PathParam("coupleId") UUID coupleId, @PathParam("period") String period) {
        if (caller.isPartnerApp()) {
            requirePartnerApp(coupleId);
            CheckIn checkIn = checkIns.find(coupleId, validPeriod(period));
            if (checkIn == null || checkIn.status != CheckIn.Status.COMPLETED) {
                throw ApiException.notFound("No completed check-in for " + period + ".");
            }
            return RestResponse.ok(scores(checkIn));
        }
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        CheckIn checkIn = checkIns.find(coupleId, validPeriod(period));
        if (checkIn == null) {
            throw ApiException.notFound("No check-in for " + period + " yet.");
        }
        CheckInView view = view(checkIn, me);
        return RestResponse.ResponseBuilder.<Object>ok(view)
                .header(HttpHeaders.ETAG, etag(view))
                .build();
    }

    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.CHECKINS_READ)
    @Operation(
            operationId = "listCheckIns",
            summary = "List check-ins",
            description = "The couple's check-ins between `from` and `to` (periods), newest first.")
    @GET
    public RestResponse<PageOf<CheckInListItem>> list(
            @PathParam("coupleId") UUID coupleId,
            @Parameter(description = "The earliest period, e.g. `2026-W40` or `2026-10-01` (inclusive).")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "The latest period (inclusive).") @QueryParam("to") String to,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri) {
        PageRequest request = PageRequest.of(page, size);
        Optional.ofNullable(from).ifPresent(CheckInResource::validPeriod);
        Optional.ofNullable(to).ifPresent(CheckInResource::validPeriod);
        if (caller.isPartnerApp()) {
            requirePartnerApp(coupleId);
            return PageLinks.answer(
                    checkIns.list(coupleId, from, to, true, request).<CheckInListItem>map(this::scores), uri);
        }
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        return PageLinks.answer(
                checkIns.list(coupleId, from, to, false, request).<CheckInListItem>map(c -> view(c, me)), uri);
    }

    private void requirePartnerApp(UUID coupleId) {
        membership.requirePartnerApp(coupleId, caller.clientId(), OAuthSchemes.CHECKINS_READ);
    }

    private CheckInView view(CheckIn checkIn, String me) {
        return view(checkIn, checkIns.submissions(checkIn.id), me);
    }

    private static CheckInView view(CheckIn checkIn, List<CheckInSubmission> all, String me) {
        CheckInSubmission mine =
                all.stream().filter(s -> s.partnerId.equals(me)).findFirst().orElse(null);
        CheckInSubmission theirs =
                all.stream().filter(s -> !s.partnerId.equals(me)).findFirst().orElse(null);
        boolean revealed = checkIn.status == CheckIn.Status.COMPLETED;
        return new CheckInView(
                AnswerViews.MEMBER,
                checkIn.period,
                checkIn.cadence,
                checkIn.status,
                checkIn.completedAt,
                mine == null ? null : MySubmission.of(mine),
                theirs != null,
                revealed && theirs != null ? PartnerSubmission.of(theirs) : null);
    }

    private ScoresView scores(CheckIn checkIn) {
        return new ScoresView(
                AnswerViews.PARTNER_APP,
                checkIn.period,
                checkIn.cadence,
                checkIn.completedAt,
                checkIns.submissions(checkIn.id).stream()
                        .map(s -> new Scores(
                                caller.memberRef(s.partnerId),
                                s.mood,
                                s.moodIntensity,
                                s.closeness,
                                s.satisfaction,
                                s.screenTime))
                        .toList());
    }

    private static String validPeriod(String period) {
        if (!CheckInPeriods.isValid(period)) {
            throw ApiException.badRequest(
                    "period: '" + period + "' is neither a date (2026-11-24) nor an ISO week (2026-W48).");
        }
        return period;
    }
}
