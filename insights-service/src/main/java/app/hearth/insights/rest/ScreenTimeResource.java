package app.hearth.insights.rest;

import app.hearth.insights.config.InsightsConfig;
import app.hearth.insights.service.PopulationInsights;
import app.hearth.insights.service.PopulationTables;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The guide's screen-time table, its figures and source as the guide gives them, beside what Hearth's own couples
 * report in the same buckets (k-anonymous): so a couple can see both.
 */
@Tag(name = "Learn", description = "The guide's published figures beside Hearth's own anonymised ones.")
@Path("/v1/population/screen-time")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ScreenTimeResource {

    @Inject
    PopulationInsights population;

    @Inject
    InsightsConfig config;

    @Inject
    Clock clock;

    public record ScreenTimeTable(
            String caption,

            @Schema(description = "Where the guide's figures come from, as the guide gives it.")
            String guideSource,

            @Schema(description = "What Hearth's figures measure, and how that differs from the guide's survey.")
            String hearthMeasure,

            @Schema(description = "Hearth's figures stand on at least this many couples per bucket, or are not given.")
            int k,

            Instant generatedAt,
            List<PopulationTables.ScreenTimeRow> rows) {}

    @Operation(
            operationId = "getScreenTimeTable",
            summary = "Get the screen-time table",
            description =
                    "The guide's table of daily device use against intimacy and satisfaction (its figures and source), and beside each bucket what Hearth's own couples report: the share with high average closeness and the share with low average satisfaction, anonymised and only where at least k couples stand behind every bucket.")
    @GET
    public ScreenTimeTable get() {
        return new ScreenTimeTable(
                "Correlation between screen time and reported relationship satisfaction (2025 survey data)",
                PopulationTables.GUIDE_SCREEN_TIME_SOURCE,
                "Hearth: couples by their most frequent daily screen time in check-ins; high closeness is an average of "
                        + PopulationTables.HIGH_CLOSENESS + " or more of 7, low satisfaction an average of "
                        + (int) PopulationTables.LOW_SATISFACTION
                        + " or less of 10. The guide's figures are people's answers to a survey; Hearth's are "
                        + "couples' check-ins, so they are alike, not the same measure.",
                config.populationK(),
                clock.instant(),
                population.screenTime());
    }
}
