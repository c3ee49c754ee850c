package app.hearth.insights.rest;

import app.hearth.insights.service.InsightsPersonalData;
import app.hearth.platform.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Everything this service holds about the caller (data portability). */
@Tag(
        name = "Data export",
        description =
                "Data portability: everything Hearth holds about you. The public export at couple-service gathers every service's part; each service also exports its own part to it.")
@Path("/v1/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeExportResource {

    @Inject
    Caller caller;

    @Inject
    InsightsPersonalData personalData;

    @Inject
    Clock clock;

    public record Export(String service, String partnerId, Instant exportedAt, Map<String, Object> held) {}

    @Operation(
            operationId = "exportMyInsightsData",
            summary = "Export my insights data",
            description =
                    "This service's part of your data export: the facts insights keep about you. couple-service's export gathers it; not routed through the public entry point.")
    @Extension(name = "x-internal", value = "true")
    @GET
    public Export export() {
        String me = caller.personId();
        return new Export("insights-service", me, clock.instant(), personalData.export(me));
    }
}
