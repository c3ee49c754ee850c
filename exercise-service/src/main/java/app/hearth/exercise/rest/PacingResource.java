package app.hearth.exercise.rest;

import app.hearth.events.ExerciseEvents.GentleSignal;
import app.hearth.exercise.GentlePeriod;
import app.hearth.exercise.Guidance;
import app.hearth.exercise.service.SafetySignals;
import app.hearth.exercise.service.SessionService;
import app.hearth.membership.MembershipService;
import app.hearth.platform.privacy.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where a couple's pacing stands, so an app can offer what may start now and say why the rest waits. */
@Tag(name = "Exercise sessions")
@Path("/v1/couples/{coupleId}/pacing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PacingResource {

    @Inject
    Caller caller;

    @Inject
    MembershipService membership;

    @Inject
    SessionService sessions;

    /** A gentle period: no intense session starts before {@code until}; {@code why} in the guide's words. */
    public record GentlePeriodView(GentleSignal signal, Instant startedAt, Instant until, String why) {}

    public record PacingView(
            @Schema(
                    description =
                            "Both of you confirmed the safety agreements in couple-service (`PUT /v1/couples/{coupleId}/safety-agreements/mine`): until then intense exercises do not start.")
            boolean safetyAgreementsInForce,

            @Schema(
                    nullable = true,
                    description =
                            "Running after a sign of emotional flooding (one of you did not feel safe after intense work, or named anxiety or loneliness in two of the last three check-ins): intense exercises wait until it ends. Who gave the sign is not said.")
            GentlePeriodView gentlePeriod,

            @Schema(description = "Advanced sessions started in the last 7 days.")
            int advancedStartedLastSevenDays,

            @Schema(description = "The most advanced sessions that may start in any 7 days.")
            int maxAdvancedPerWeek,

            @Schema(description = "Guidance articles on pacing: how to spot flooding, and when to seek outside help.")
            List<String> guidance) {}

    @Operation(
            operationId = "getPacing",
            summary = "Get the couple's pacing",
            description =
                    "Where pacing stands for the couple: a gentle period after a sign of emotional flooding (no intense exercise starts until it ends, 14 days after the latest sign), and how many advanced sessions the last 7 days hold against the weekly limit.")
    @GET
    public PacingView get(@PathParam("coupleId") UUID coupleId) {
        membership.requireMember(coupleId, caller.personId());
        SessionService.Pacing pacing = sessions.pacing(coupleId);
        GentlePeriod gentle = pacing.gentlePeriod();
        return new PacingView(
                pacing.safetyAgreementsInForce(),
                gentle == null
                        ? null
                        : new GentlePeriodView(
                                gentle.signal, gentle.startedAt, gentle.until, SafetySignals.why(gentle.signal)),
                pacing.advancedLastSevenDays(),
                pacing.maxAdvancedPerWeek(),
                Guidance.FOR_INTENSE_SESSIONS);
    }
}
