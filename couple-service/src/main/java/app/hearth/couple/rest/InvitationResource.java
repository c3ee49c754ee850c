package app.hearth.couple.rest;

import app.hearth.couple.Couple;
import app.hearth.couple.service.InvitationService;
import app.hearth.events.CoupleEvents.RelationshipKind;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Pairing: one person makes a code, the other accepts it. */
@Tag(
        name = "Invitations",
        description =
                "Pairing: one person creates an invitation code and shares it; the other accepts it and the two become a couple.")
@Path("/v1/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    @Inject
    Caller caller;

    @Inject
    InvitationService invitations;

    public record CreateInvitationRequest(
            @Schema(examples = "ROMANTIC") @NotNull RelationshipKind relationshipKind) {}

    @Operation(
            operationId = "createInvitation",
            summary = "Create an invitation",
            description =
                    "Creates a pairing code for a kind of relationship (romantic, friendship, family). The code is shown once, in this answer: share it with the person you want to pair with. A person may have only a few invitations waiting at a time.")
    @APIResponse(
            responseCode = "201",
            description = "The invitation, with its code (shown this once); `Location` names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CoupleViews.InvitationResponse.class)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(
            @NotNull(message = "send {\"relationshipKind\": ...}") @Valid CreateInvitationRequest request,
            @Context UriInfo uri) {
        InvitationService.Created created =
                invitations.create(caller.personId(), caller.nameFromToken().orElse(null), request.relationshipKind());
        CoupleViews.InvitationResponse body = CoupleViews.InvitationResponse.of(created.invitation(), created.code());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(body.id().toString()).build())
                .entity(body)
                .build();
    }

    @Operation(
            operationId = "listMyInvitations",
            summary = "List my invitations",
            description = "The invitations you created and their state; codes are never shown again.")
    @GET
    public RestResponse<PageOf<CoupleViews.InvitationResponse>> mine(
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        List<CoupleViews.InvitationResponse> all = invitations.mine(caller.personId()).stream()
                .map(CoupleViews.InvitationResponse::of)
                .toList();
        return PageLinks.answer(PageOf.of(all, PageRequest.of(page, size)), uri);
    }

    /** Withdraws one of your invitations, by its id (or by its code, if you still have it). */
    @Operation(
            operationId = "revokeInvitation",
            summary = "Withdraw an invitation",
            description =
                    "Withdraws one of your invitations by its id, or by its code if you still have it; the code stops working at once.")
    @DELETE
    @Path("/{idOrCode}")
    public void revoke(@PathParam("idOrCode") String idOrCode) {
        invitations.revoke(caller.personId(), idOrCode);
    }

    @Operation(
            operationId = "acceptInvitation",
            summary = "Accept an invitation",
            description =
                    "Accepts a code someone shared with you and creates your couple (201 with the couple). Codes that do not work are counted: too many in an hour and further attempts wait.")
    @APIResponse(
            responseCode = "410",
            description =
                    "The code no longer works: it expired, was withdrawn or was used "
                            + "(types `https://hearth.app/problems/invitation-expired`, `invitation-revoked`, `invitation-used`). Ask for a new one.")
    @APIResponse(
            responseCode = "201",
            description = "The couple you now form; `Location` names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CoupleViews.CoupleResponse.class)))
    @POST
    @Path("/{code}/accept")
    public Response accept(@PathParam("code") String code, @Context UriInfo uri) {
        return accepted(
                invitations.accept(caller.personId(), caller.nameFromToken().orElse(null), code), uri);
    }

    public record AcceptInvitationRequest(
            @Schema(examples = "K7P2-QW9X-M4TD") @NotNull(message = "send the code you were given") @Size(max = 64)
            String code) {}

    @Operation(
            operationId = "acceptInvitationWithCode",
            summary = "Accept an invitation (code in the body)",
            description = "As acceptInvitation, with the code in the body rather than the URL, where it stays out of "
                    + "access logs, proxies and traces. Prefer this form.")
    @APIResponse(
            responseCode = "404",
            description = "No invitation has this code (mistyped, or never made). Type `not-found`.")
    @APIResponse(
            responseCode = "410",
            description = "The code no longer works: it expired, was withdrawn or was used. Ask for a new one.")
    @APIResponse(
            responseCode = "201",
            description = "The couple you now form; `Location` names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CoupleViews.CoupleResponse.class)))
    @POST
    @Path("/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response acceptWithCode(
            @NotNull(message = "send {\"code\": \"...\"}") @Valid AcceptInvitationRequest request,
            @Context UriInfo uri) {
        return accepted(
                invitations.accept(caller.personId(), caller.nameFromToken().orElse(null), request.code()), uri);
    }

    private Response accepted(Couple couple, UriInfo uri) {
        return Response.created(uri.getBaseUriBuilder()
                        .path("v1/couples")
                        .path(couple.id.toString())
                        .build())
                .entity(view(couple))
                .build();
    }

    private CoupleViews.CoupleResponse view(Couple couple) {
        return CoupleViews.forMember(couple, caller.personId());
    }
}
