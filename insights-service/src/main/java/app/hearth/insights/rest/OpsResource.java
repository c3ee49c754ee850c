package app.hearth.insights.rest;

import app.hearth.insights.service.ProjectionRebuild;
import app.hearth.platform.http.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations: rebuild the insight facts by replaying every topic from its start (see docs/operations.md, "Rebuilding insights"). */
@Tag(
        name = "Operations",
        description =
                "For operators (realm role `ops`): dead letters, projection rebuilds and anonymised population tables.")
@Path("/v1/ops/projections/rebuild")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class OpsResource {

    @Inject
    ProjectionRebuild rebuild;

    @Operation(
            operationId = "startProjectionRebuild",
            summary = "Start a projection rebuild",
            description =
                    "Rebuilds the insight facts by replaying every topic from its start into new tables, then switches over; reads keep being served meanwhile.")
    @Extension(name = "x-internal", value = "true")
    @APIResponse(
            responseCode = "202",
            description = "The rebuild started (or was running already): its progress.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProjectionRebuild.Status.class)))
    @POST
    public Response start() {
        if (!rebuild.start()) {
            throw ApiException.conflict(
                    "rebuild-running", "A rebuild is already running; follow it with GET on this URL.");
        }
        return Response.accepted(rebuild.status()).build();
    }

    @Operation(
            operationId = "getProjectionRebuild",
            summary = "Get the projection rebuild",
            description = "The current or last rebuild's progress.")
    @Extension(name = "x-internal", value = "true")
    @GET
    public ProjectionRebuild.Status status() {
        return rebuild.status();
    }
}
