package app.hearth.couple.rest;

import app.hearth.couple.Couple;
import app.hearth.couple.service.CoupleAccess;
import app.hearth.couple.service.CoupleService;
import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.platform.http.IfMatch;
import app.hearth.platform.http.PageLinks;
import app.hearth.platform.http.PageOf;
import app.hearth.platform.http.PageRequest;
import app.hearth.platform.privacy.AnswerViews;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.OAuthSchemes;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Relationships. Non-members (and partner apps without the couple's grant) get 404 for every id. */
@Tag(
        name = "Couples",
        description =
                "Relationships: two people paired by an invitation, their shared settings (pause word, check-in cadence, anniversary), and ending them. Anyone who is not a member gets 404 for every couple id.")
@Path("/v1/couples")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CoupleResource {

    @Inject
    Caller caller;

    @Inject
    CoupleService couples;

    @Inject
    CoupleAccess access;

    @Operation(
            operationId = "listMyCouples",
            summary = "List my couples",
            description = "The couples you are a member of, active and ended.")
    @GET
    public RestResponse<PageOf<CoupleViews.CoupleResponse>> mine(
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        String me = caller.personId();
        List<CoupleViews.CoupleResponse> all =
                couples.mine(me).stream().map(c -> CoupleViews.forMember(c, me)).toList();
        return PageLinks.answer(PageOf.of(all, PageRequest.of(page, size)), uri);
    }

    /** For a member, the whole couple; for a partner app with an active {@code couples.read} grant, a narrower view. */
    @SecurityRequirement(name = OAuthSchemes.PEOPLE)
    @SecurityRequirement(name = OAuthSchemes.PARTNER_APPS, scopes = OAuthSchemes.COUPLES_READ)
    @Operation(
            operationId = "getCouple",
            summary = "Get a couple",
            description =
                    "For a member, the whole couple; for a partner app holding an active `couples.read` grant, a narrower view with members under pseudonyms.")
    @APIResponse(
            responseCode = "200",
            description = "The couple: the whole of it for a member (with its `ETag`), the "
                    + "partner app's view for a partner app.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            oneOf = {
                                                CoupleViews.CoupleResponse.class,
                                                CoupleViews.PartnerAppCoupleResponse.class
                                            },
                                            discriminatorProperty = "view",
                                            discriminatorMapping = {
                                                @DiscriminatorMapping(
                                                        value = AnswerViews.MEMBER,
                                                        schema = CoupleViews.CoupleResponse.class),
                                                @DiscriminatorMapping(
                                                        value = AnswerViews.PARTNER_APP,
                                                        schema = CoupleViews.PartnerAppCoupleResponse.class)
                                            })),
            headers =
                    @Header(
                            name = "ETag",
                            description = "The settings' version, for `If-Match` on `updateCouple` (members only).",
                            schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/{coupleId}")
    public RestResponse<Object> get(@PathParam("coupleId") UUID coupleId) {
        if (caller.isPartnerApp()) {
            return RestResponse.ok(CoupleViews.forPartnerApp(
                    access.readableByPartnerApp(coupleId, caller.clientId(), OAuthSchemes.COUPLES_READ),
                    caller::memberRef));
        }
        String me = caller.personId();
        Couple couple = couples.get(coupleId, me);
        return RestResponse.ResponseBuilder.<Object>ok(CoupleViews.forMember(couple, me))
                .header(HttpHeaders.ETAG, IfMatch.etag(couple.version))
                .build();
    }

    /**
     * What the members agree on. A class with setters rather than a record, because a PATCH must tell an absent
     * field (unchanged: the setter is never called) from an explicit {@code null} (cleared).
     */
    public static final class UpdateCoupleRequest {
        private Optional<LocalDate> anniversary;
        private Optional<
                        @Size(min = 1, max = 40)
                        @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String>
                pauseWord;
        private CheckInCadence checkInCadence;

        public void setAnniversary(LocalDate anniversary) {
            this.anniversary = Optional.ofNullable(anniversary);
        }

        public void setPauseWord(String pauseWord) {
            this.pauseWord = Optional.ofNullable(pauseWord);
        }

        public void setCheckInCadence(CheckInCadence checkInCadence) {
            this.checkInCadence = checkInCadence;
        }

        CoupleService.Changes changes() {
            return new CoupleService.Changes(anniversary, pauseWord, checkInCadence);
        }
    }

    @Operation(
            operationId = "updateCouple",
            summary = "Change a couple's settings",
            description =
                    "Changes the shared settings (pause word, check-in cadence, anniversary); fields not sent keep their value. Either member may change them.")
    @APIResponse(
            responseCode = "200",
            description = "The couple as changed, with its new `ETag`.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @PATCH
    @Path("/{coupleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<CoupleViews.CoupleResponse> update(
            @PathParam("coupleId") UUID coupleId,
            @Parameter(
                            description =
                                    "The `ETag` of the settings this change was made on (or `*` to overwrite whatever is there).",
                            required = true)
                    @HeaderParam(IfMatch.HEADER)
                    String ifMatch,
            @NotNull(message = "send the fields to change as a JSON object") @Valid UpdateCoupleRequest request) {
        String me = caller.personId();
        return forMemberWithETag(couples.update(coupleId, me, request.changes(), IfMatch.of(ifMatch)), me);
    }

    public record MySafetyAgreementsRequest(
            @Schema(
                    description =
                            "true: I confirm every one of the couple's safety agreements (as listed in `safetyAgreements`); false: I take my confirmation back.",
                    examples = "true")
            @NotNull
            Boolean confirmed) {}

    @Operation(
            operationId = "setMySafetyAgreements",
            summary = "Confirm or withdraw my safety agreements",
            description =
                    "The agreements step before intense work: the pause word, no phones during hard talks, nothing shared used against each other (their words are in the couple's `safetyAgreements`). Each member confirms for themselves; once both have, intense exercises may start (exercise-service answers 409 `safety-agreements-needed` until then). Confirming needs an agreed pause word (409 `pause-word-needed`); a new pause word asks both again. Taking a confirmation back holds intense work until it is given again.")
    @APIResponse(
            responseCode = "200",
            description = "The couple, with its new `ETag`.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @PUT
    @Path("/{coupleId}/safety-agreements/mine")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<CoupleViews.CoupleResponse> setMySafetyAgreements(
            @PathParam("coupleId") UUID coupleId,
            @NotNull(message = "send {\"confirmed\": true} or {\"confirmed\": false}") @Valid
                    MySafetyAgreementsRequest request) {
        String me = caller.personId();
        return forMemberWithETag(couples.setMySafetyAgreements(coupleId, me, request.confirmed()), me);
    }

    /** The member's view of the couple with the version a later change's {@code If-Match} names. */
    private static RestResponse<CoupleViews.CoupleResponse> forMemberWithETag(Couple couple, String me) {
        return RestResponse.ResponseBuilder.ok(CoupleViews.forMember(couple, me))
                .header(HttpHeaders.ETAG, IfMatch.etag(couple.version))
                .build();
    }

    @Operation(
            operationId = "endCouple",
            summary = "End a couple",
            description =
                    "Either member ends the relationship in Hearth: nothing new can start, former members keep reading its history for the retention period, and partner apps lose access at once.")
    @POST
    @Path("/{coupleId}/end")
    public CoupleViews.CoupleResponse end(@PathParam("coupleId") UUID coupleId) {
        String me = caller.personId();
        return CoupleViews.forMember(couples.end(coupleId, me), me);
    }
}
