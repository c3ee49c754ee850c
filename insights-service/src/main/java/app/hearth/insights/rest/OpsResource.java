package app.hearth.insights.rest;

import app.hearth.insights.service.ProjectionRebuild;
import app.hearth.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Operations: rebuild the insight facts by replaying every topic from its start (see README, "Rebuilding insights"). */
@Path("/v1/ops/projections/rebuild")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class OpsResource {

    @Inject
    ProjectionRebuild rebuild;

    @POST
    public Response start() {
        if (!rebuild.start()) {
            throw ApiException.conflict("rebuild-running", "A rebuild is already running; follow it with GET on this URL.");
        }
        return Response.accepted(rebuild.status()).build();
    }

    @GET
    public ProjectionRebuild.Status status() {
        return rebuild.status();
    }
}
