package app.hearth.insights.rest;

import app.hearth.insights.service.InsightsExport;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.ExportPart;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
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
    InsightsExport export;

    @Inject
    Clock clock;

    @Operation(
            operationId = "exportMyInsightsData",
            summary = "Export my insights data",
            description =
                    "This service's part of your data export: the facts insights keep about you. couple-service's export gathers it; not routed through the public entry point.")
    @Extension(name = "x-internal", value = "true")
    @GET
    public ExportPart<InsightsExport.InsightsData> export() {
        String me = caller.personId();
        return ExportPart.of("insights-service", me, clock.instant(), export.of(me));
    }
}
