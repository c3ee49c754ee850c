package app.hearth.couple.rest;

import app.hearth.couple.Couple;
import app.hearth.couple.Invitation;
import app.hearth.couple.service.InvitationService;
import app.hearth.events.CoupleEvents.RelationshipKind;
import app.hearth.platform.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.List;

/** Pairing: one person makes a code, the other accepts it. */
@Path("/v1/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    @Inject
    Caller caller;

    @Inject
    InvitationService invitations;

    public record CreateInvitationRequest(@NotNull RelationshipKind relationshipKind) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull(message = "send {\"relationshipKind\": ...}") @Valid CreateInvitationRequest request,
                           @Context UriInfo uri) {
        InvitationService.Created created = invitations.create(caller.personId(), caller.nameFromToken().orElse(null),
                request.relationshipKind());
        CoupleViews.InvitationResponse body = CoupleViews.InvitationResponse.of(created.invitation(), created.code());
        return Response.created(uri.getAbsolutePathBuilder().path(body.id().toString()).build()).entity(body).build();
    }

    @GET
    public List<CoupleViews.InvitationResponse> mine() {
        return invitations.mine(caller.personId()).stream().map(CoupleViews.InvitationResponse::of).toList();
    }

    /** Withdraws one of your invitations, by its id (or by its code, if you still have it). */
    @DELETE
    @Path("/{idOrCode}")
    public void revoke(@PathParam("idOrCode") String idOrCode) {
        invitations.revoke(caller.personId(), idOrCode);
    }

    @POST
    @Path("/{code}/accept")
    public Response accept(@PathParam("code") String code, @Context UriInfo uri) {
        Couple couple = invitations.accept(caller.personId(), caller.nameFromToken().orElse(null), code);
        return Response.created(uri.getBaseUriBuilder().path("v1/couples").path(couple.id.toString()).build())
                .entity(view(couple)).build();
    }

    private CoupleViews.CoupleResponse view(Couple couple) {
        return CoupleViews.forMember(couple, caller.personId());
    }
}
