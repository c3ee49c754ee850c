package app.hearth.couple.rest;

import app.hearth.couple.IntegrationGrant;
import app.hearth.couple.service.GrantService;
import app.hearth.platform.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A couple's consent for partner apps. */
@Path("/v1/couples/{coupleId}/grants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    @Inject
    Caller caller;

    @Inject
    GrantService grants;

    public record CreateGrantRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be the partner app's client id") String clientId,
            @NotEmpty @Size(max = 3) Set<@NotNull String> scopes,
            Instant expiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@PathParam("coupleId") UUID coupleId,
                            @NotNull(message = "send {\"clientId\": ..., \"scopes\": [...]}") @Valid CreateGrantRequest request,
                            @Context UriInfo uri) {
        IntegrationGrant grant = grants.request(coupleId, caller.personId(), request.clientId(), request.scopes(), request.expiresAt());
        return Response.created(uri.getAbsolutePathBuilder().path(grant.id.toString()).build())
                .entity(CoupleViews.GrantResponse.of(grant)).build();
    }

    @GET
    public List<CoupleViews.GrantResponse> list(@PathParam("coupleId") UUID coupleId) {
        return grants.list(coupleId, caller.personId()).stream().map(CoupleViews.GrantResponse::of).toList();
    }

    @POST
    @Path("/{grantId}/approve")
    public CoupleViews.GrantResponse approve(@PathParam("coupleId") UUID coupleId, @PathParam("grantId") UUID grantId) {
        return CoupleViews.GrantResponse.of(grants.approve(coupleId, grantId, caller.personId()));
    }

    @DELETE
    @Path("/{grantId}")
    public void revoke(@PathParam("coupleId") UUID coupleId, @PathParam("grantId") UUID grantId) {
        grants.revoke(coupleId, grantId, caller.personId());
    }
}
