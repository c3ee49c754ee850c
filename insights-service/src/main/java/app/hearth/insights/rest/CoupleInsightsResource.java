package app.hearth.insights.rest;

import app.hearth.insights.service.CoupleFacts;
import app.hearth.insights.service.CoupleInsights;
import app.hearth.insights.service.InsightsService;
import app.hearth.insights.service.Recommender;
import app.hearth.insights.service.Timeline;
import app.hearth.insights.service.Voice;
import app.hearth.membership.MembershipService;
import app.hearth.platform.http.Params;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.OAuthSchemes;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A couple's insights, recommendations and timeline: for its members, and for partner apps the couple granted
 * {@code insights.read}. Everyone else gets the same 404 as for a couple that does not exist.
 */
@Tag(
        name = "Insights",
        description =
                "A couple's insights (patterns, streaks, layers explored), recommendations and timeline, built from everyone's events: for members, and for partner apps the couple granted `insights.read`.")
@Path("/v1/couples/{coupleId}")
@Authenticated
public class CoupleInsightsResource {
    static final String SCOPE = OAuthSchemes.INSIGHTS_READ;

    @Inject
    Caller caller;

    @Inject
    MembershipService membership;

    @Inject
    InsightsService insights;

    public record InsightsView(
            UUID coupleId, String currentPeriod, Instant generatedAt, List<CoupleInsights.Insight> insights) {}

    public record RecommendationsView(
            UUID coupleId,
            @Schema(nullable = true) Integer minutes,
            List<Recommender.Recommendation> recommendations) {}

    public record TimelineView(UUID coupleId, Timeline timeline) {}

    public record Preferences(@NotNull Boolean showStreaks) {}

    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.INSIGHTS_READ)
    @Operation(
            operationId = "getInsights",
            summary = "Get a couple's insights",
            description =
                    "What the couple's check-ins and exercises show: trends, streaks (unless hidden), layers explored, warning signs worth a look.")
    @GET
    @Path("/insights")
    @Produces(MediaType.APPLICATION_JSON)
    public InsightsView insights(@PathParam("coupleId") UUID coupleId) {
        Authorised read = authorise(coupleId);
        InsightsService.Snapshot snapshot = read.snapshot();
        return new InsightsView(
                coupleId, snapshot.currentPeriod(), snapshot.now(), insights.insights(snapshot, read.voice()));
    }

    /** Exercises to try next, with reasons; {@code minutes} keeps to what fits (5 → boosters). */
    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.INSIGHTS_READ)
    @Operation(
            operationId = "getRecommendations",
            summary = "Get recommendations",
            description =
                    "Exercises to try next, with the reasons; `minutes` keeps to what fits the time the couple has.")
    @GET
    @Path("/recommendations")
    @Produces(MediaType.APPLICATION_JSON)
    public RecommendationsView recommendations(
            @PathParam("coupleId") UUID coupleId,
            @Parameter(
                            description = "The time the couple has, in minutes: only what fits.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1440"))
                    @QueryParam("minutes")
                    String minutes,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Integer fits = Params.intValue("minutes", minutes, 1, 24 * 60).orElse(null);
        return new RecommendationsView(
                coupleId, fits, insights.recommendations(authorise(coupleId).snapshot(), fits, authorization));
    }

    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.INSIGHTS_READ)
    @Operation(
            operationId = "getInsightsTimeline",
            summary = "Get the insights timeline",
            description = "The couple's check-in scores and activity over the last `periods` periods.")
    @GET
    @Path("/insights/timeline")
    @Produces(MediaType.APPLICATION_JSON)
    public TimelineView timeline(
            @PathParam("coupleId") UUID coupleId,
            @Parameter(
                            description = "How many check-in periods back.",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "104",
                                            defaultValue = "12"))
                    @QueryParam("periods")
                    String periods) {
        int n = Params.intValue("periods", periods, 1, 104).orElse(12);
        Authorised read = authorise(coupleId);
        return new TimelineView(coupleId, insights.timeline(read.snapshot(), n, read.voice()));
    }

    /** The timeline as a small accessible SVG chart, for clients that just show a picture. */
    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.INSIGHTS_READ)
    @Operation(
            operationId = "getInsightsTimelineChart",
            summary = "Get the timeline as a chart",
            description = "The timeline as a small accessible SVG chart, for clients that only show a picture.")
    @GET
    @Path("/insights/timeline.svg")
    @Produces("image/svg+xml")
    public String timelineSvg(
            @PathParam("coupleId") UUID coupleId,
            @Parameter(
                            description = "How many check-in periods back.",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "104",
                                            defaultValue = "12"))
                    @QueryParam("periods")
                    String periods) {
        int n = Params.intValue("periods", periods, 1, 104).orElse(12);
        Authorised read = authorise(coupleId);
        return insights.timeline(read.snapshot(), n, read.voice()).svg();
    }

    /** {@code showStreaks: false} hides streaks (some people find them pressuring). Members only. */
    @Operation(
            operationId = "setInsightPreferences",
            summary = "Set insight preferences",
            description = "`showStreaks: false` hides streaks (some people find them pressuring). Members only.")
    @PUT
    @Path("/insights/preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Preferences preferences(
            @PathParam("coupleId") UUID coupleId,
            @NotNull(message = "send {\"showStreaks\": false}") @Valid Preferences preferences) {
        membership.requireMember(coupleId, caller.personId());
        return new Preferences(insights.setShowStreaks(coupleId, preferences.showStreaks()));
    }

    /** What a member decides about their own part of the couple's insights. */
    public record MyInsightSettings(
            @Schema(
                    description =
                            "Your closeness and satisfaction trends, and the warnings about them, are hidden from your partner (and from partner apps). What you share anyway stays: whether both of you checked in, streaks, layers, milestones.")
            @NotNull
            Boolean hideMyTrends,

            @Schema(
                    description =
                            "Your partner also sees the pointers to outside help that are about you (otherwise only you do).")
            @NotNull
            Boolean shareMyOutsideHelp,

            @Schema(
                    description =
                            "You tell Hearth, privately, that a past trauma weighs on you or on the relationship. The guide says deep wounds need different medicine: Hearth points you to outside help (`/v1/guidance/when-to-seek-help`), shown to you alone unless `shareMyOutsideHelp`. Nothing else is told or stored about it.")
            @NotNull
            Boolean traumaWeighsOnMe) {

        static MyInsightSettings of(CoupleFacts.MemberSetting setting) {
            return new MyInsightSettings(setting.hideTrends(), setting.shareOutsideHelp(), setting.traumaSaid());
        }
    }

    @Operation(
            operationId = "getMyInsightSettings",
            summary = "Get my insight settings",
            description =
                    "What you decided about your own part of the couple's insights. Members only, each their own.")
    @GET
    @Path("/insights/my-settings")
    @Produces(MediaType.APPLICATION_JSON)
    public MyInsightSettings mySettings(@PathParam("coupleId") UUID coupleId) {
        membership.requireMember(coupleId, caller.personId());
        return MyInsightSettings.of(insights.mySettings(coupleId, caller.personId()));
    }

    @Operation(
            operationId = "setMyInsightSettings",
            summary = "Set my insight settings",
            description =
                    "Keeps your own trends and warnings from your partner, shares your outside-help pointers with them, or tells Hearth privately that a past trauma weighs on you. Replaces all three. Members only, each their own.")
    @PUT
    @Path("/insights/my-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public MyInsightSettings setMySettings(
            @PathParam("coupleId") UUID coupleId,
            @NotNull(
                            message =
                                    "send {\"hideMyTrends\": false, \"shareMyOutsideHelp\": false, \"traumaWeighsOnMe\": false}")
                    @Valid
                    MyInsightSettings settings) {
        String me = caller.personId();
        membership.requireMember(coupleId, me);
        return MyInsightSettings.of(insights.setMySettings(
                coupleId,
                new CoupleFacts.MemberSetting(
                        me, settings.hideMyTrends(), settings.shareMyOutsideHelp(), settings.traumaWeighsOnMe())));
    }

    /** The couple's facts and who they are told to, for a member or a partner app the couple granted. */
    private record Authorised(InsightsService.Snapshot snapshot, Voice voice) {}

    private Authorised authorise(UUID coupleId) {
        if (caller.isPartnerApp()) {
            membership.requirePartnerApp(coupleId, caller.clientId(), SCOPE);
            InsightsService.Snapshot snapshot = insights.snapshot(coupleId);
            return new Authorised(
                    snapshot,
                    Voice.forApp(
                            snapshot.members(),
                            caller::memberRef,
                            caller.hasScope(OAuthSchemes.CHECKINS_READ)
                                    && membership.partnerAppMay(
                                            coupleId, caller.clientId(), OAuthSchemes.CHECKINS_READ)));
        }
        String me = caller.personId();
        InsightsService.Snapshot snapshot = insights.snapshotForMember(coupleId, me);
        return new Authorised(snapshot, Voice.forMember(me, snapshot.members()));
    }
}
