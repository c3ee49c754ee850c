package app.hearth.couple.rest;

import app.hearth.couple.IntegrationGrant;
import app.hearth.couple.service.GrantService;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.Caller;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A couple's consent for partner apps. */
@Tag(
        name = "Partner app grants",
        description =
                "A couple's consent for partner apps (a therapist's platform, say): one member requests scopes for an app, the other approves, and either can revoke at once.")
@Path("/v1/couples/{coupleId}/grants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    @Inject
    Caller caller;

    @Inject
    GrantService grants;

    public record CreateGrantRequest(
            @Schema(examples = "partner-demo")
            @NotNull
            @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be the partner app's client id")
            String clientId,

            // Up to every scope an app may be granted (GrantService.SCOPES), in one grant: one grant per app.
            @NotEmpty @Size(max = 4) Set<@NotNull String> scopes,
            // Inline: a request may send any RFC 3339 precision; the Instant schema is answers' exact shape.
            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    description = "When the grant ends (optional: until revoked); kept to the microsecond.")
            Instant expiresAt) {}

    @Operation(
            operationId = "requestGrant",
            summary = "Request a partner app grant",
            description =
                    "Asks for a partner app (by its OAuth client id) to read some of the couple's data (`couples.read`, `checkins.read`, `insights.read`, `reminders.read`), until an optional expiry. It takes effect only when the other member approves.")
    @APIResponse(
            responseCode = "201",
            description = "The grant, pending until the other member approves it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CoupleViews.GrantResponse.class)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(
            @PathParam("coupleId") UUID coupleId,
            @NotNull(message = "send {\"clientId\": ..., \"scopes\": [...]}") @Valid CreateGrantRequest request,
            @Context UriInfo uri) {
        IntegrationGrant grant =
                grants.request(coupleId, caller.personId(), request.clientId(), request.scopes(), request.expiresAt());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(grant.id.toString()).build())
                .entity(CoupleViews.GrantResponse.of(grant))
                .build();
    }

    @Operation(
            operationId = "listGrants",
            summary = "List a couple's grants",
            description = "Every grant of the couple: pending, active, revoked and expired.")
    @GET
    public RestResponse<PageOf<CoupleViews.GrantResponse>> list(
            @PathParam("coupleId") UUID coupleId,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context UriInfo uri) {
        List<CoupleViews.GrantResponse> all = grants.list(coupleId, caller.personId()).stream()
                .map(CoupleViews.GrantResponse::of)
                .toList();
        return PageLinks.answer(PageOf.of(all, PageRequest.of(page, size)), uri);
    }

    @Operation(
            operationId = "approveGrant",
            summary = "Approve a grant",
            description =
                    "The other member approves a pending grant; the partner app may read from now on. The member who requested it cannot approve it.")
    @POST
    @Path("/{grantId}/approve")
    public CoupleViews.GrantResponse approve(@PathParam("coupleId") UUID coupleId, @PathParam("grantId") UUID grantId) {
        return CoupleViews.GrantResponse.of(grants.approve(coupleId, grantId, caller.personId()));
    }

    @Operation(
            operationId = "revokeGrant",
            summary = "Revoke a grant",
            description =
                    "Either member withdraws a grant, pending or active; the partner app loses access at once in every service.")
    @DELETE
    @Path("/{grantId}")
    public void revoke(@PathParam("coupleId") UUID coupleId, @PathParam("grantId") UUID grantId) {
        grants.revoke(coupleId, grantId, caller.personId());
    }
}
