package app.hearth.insights.rest;

import app.hearth.insights.config.InsightsConfig;
import app.hearth.insights.service.PopulationInsights;
import app.hearth.insights.service.PopulationTables;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The guide's tables from Hearth's own anonymised data, for the ops role only; k-anonymous, no ids. */
@Tag(
        name = "Operations",
        description =
                "For operators (realm role `ops`): dead letters, projection rebuilds and anonymised population tables.")
@Path("/v1/population/insights")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class PopulationResource {

    @Inject
    PopulationInsights population;

    @Inject
    InsightsConfig config;

    @Inject
    Clock clock;

    public record PopulationView(Instant generatedAt, int k, List<PopulationTables.Table> tables) {}

    @Operation(
            operationId = "getPopulationInsights",
            summary = "Get population tables",
            description =
                    "The guide's tables from Hearth's own anonymised data: k-anonymous aggregates, no ids. Operators only.")
    @GET
    public PopulationView tables() {
        return new PopulationView(clock.instant(), config.populationK(), population.population());
    }
}
