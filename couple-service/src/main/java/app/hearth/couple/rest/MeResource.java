package app.hearth.couple.rest;

import app.hearth.couple.AttachmentStyle;
import app.hearth.couple.Couple;
import app.hearth.couple.Partner;
import app.hearth.couple.RomanticRelationships;
import app.hearth.couple.service.ApiDocumentJoin;
import app.hearth.couple.service.CoupleService;
import app.hearth.couple.service.ExportGatherer;
import app.hearth.couple.service.GrantService;
import app.hearth.couple.service.InvitationService;
import app.hearth.couple.service.PartnerService;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.http.IfMatch;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.ExportPart;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's own partner profile, its export and its erasure. */
@Tag(
        name = "Profile",
        description =
                "Your own partner profile (name, time zone, quiet hours, locale, attachment style), its export and its erasure.")
@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    PartnerService partners;

    @Inject
    CoupleService couples;

    @Inject
    InvitationService invitations;

    @Inject
    GrantService grantService;

    @Inject
    ExportGatherer exports;

    @Inject
    JsonWebToken token;

    @Operation(
            operationId = "getMyProfile",
            summary = "Get my profile",
            description = "Your profile as you see it; created on your first call from your token.")
    @APIResponse(
            responseCode = "200",
            description = "Your profile, with its `ETag`.",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The profile's version, for `If-Match` on `updateMyProfile`.",
                            schema = @Schema(type = SchemaType.STRING)))
    @GET
    public RestResponse<MeResponse> me() {
        return withETag(partners.me(caller.personId(), caller.nameFromToken().orElse(null)));
    }

    @Operation(
            operationId = "updateMyProfile",
            summary = "Change my profile",
            description =
                    "Changes the fields sent; fields not sent keep their value. Time zone and quiet hours move your reminders with them.")
    @APIResponse(
            responseCode = "200",
            description = "Your profile as changed, with its new `ETag`.",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<MeResponse> update(
            @Parameter(
                            description =
                                    "The `ETag` of the profile this change was made on; without it the change applies to "
                                            + "whatever is there.")
                    @HeaderParam(IfMatch.HEADER)
                    String ifMatch,
            @NotNull(message = "send the fields to change as a JSON object") @Valid UpdateMeRequest request) {
        return withETag(partners.update(
                caller.personId(), caller.nameFromToken().orElse(null), request.changes(), IfMatch.of(ifMatch)));
    }

    private static RestResponse<MeResponse> withETag(Partner partner) {
        return RestResponse.ResponseBuilder.ok(MeResponse.of(partner))
                .header(HttpHeaders.ETAG, IfMatch.etag(partner.version))
                .build();
    }

    /**
     * Forget me: see PartnerService#erase. Idempotent: a retry with the same (now refused) token answers 204 again
     * and changes nothing.
     */
    @Operation(
            operationId = "eraseMe",
            summary = "Erase my account",
            description =
                    "Erases you from Hearth: your profile, answers, private notes, reminders and insights, in every service; active couples you are in end. Irreversible. Idempotent: a retry answers 204 again and changes nothing.")
    @DELETE
    public void erase() {
        partners.erase(caller.personIdForErasure());
    }

    /**
     * Everything Hearth holds about the caller, in one document: this service's part and every other service's
     * (gathered with the caller's token). If any service cannot export, the answer is a 503 problem, never a partial
     * document.
     */
    @Tag(
            name = "Data export",
            description =
                    "Data portability: everything Hearth holds about you. The public export at couple-service gathers every service's part; each service also exports its own part to it.")
    @Operation(
            operationId = "exportMyData",
            summary = "Export my data",
            description =
                    "Everything Hearth holds about you, from every service, in one JSON document (data portability). If any service cannot export right now the answer is a 503 problem, never a partial document. `part=couple-service` returns only this service's part.")
    @GET
    @Path("/export")
    public FullExport export(@QueryParam("part") String part) {
        ExportPart<CoupleData> mine = localExport();
        if (part != null) {
            if (!part.equals("couple-service")) {
                throw ApiException.badRequest("part: only 'couple-service' can be asked for alone here; each other "
                        + "service exports its own part at its own /v1/me/export.");
            }
            return new FullExport(mine.personId(), mine.exportedAt(), new ExportServices(mine, null, null, null));
        }
        Map<String, ExportPart<JsonNode>> others = exports.gather(token.getRawToken());
        return new FullExport(
                mine.personId(),
                clock.instant(),
                new ExportServices(
                        mine,
                        ServiceExportPart.of(others.get("exercise-service")),
                        ServiceExportPart.of(others.get("reminder-service")),
                        ServiceExportPart.of(others.get("insights-service"))));
    }

    /** Every service's part, by service name, each in the same envelope. */
    public record FullExport(String personId, Instant exportedAt, ExportServices services) {}

    /**
     * The parts by service. The other services' parts are null only in the answer to {@code part=couple-service}.
     * Each is that service's own export, typed in its document ({@code ExportPart<Service>Data}); the public document
     * ({@code GET /v1/openapi}) types it so here too ({@code x-answer-of}: ApiDocumentJoin).
     */
    public record ExportServices(
            @JsonProperty("couple-service") ExportPart<CoupleData> coupleService,

            @JsonProperty("exercise-service")
            @Schema(
                    nullable = true,
                    extensions = @Extension(name = ApiDocumentJoin.ANSWER_OF, value = "exportMyExerciseData"))
            ServiceExportPart exerciseService,

            @JsonProperty("reminder-service")
            @Schema(
                    nullable = true,
                    extensions = @Extension(name = ApiDocumentJoin.ANSWER_OF, value = "exportMyReminderData"))
            ServiceExportPart reminderService,

            @JsonProperty("insights-service")
            @Schema(
                    nullable = true,
                    extensions = @Extension(name = ApiDocumentJoin.ANSWER_OF, value = "exportMyInsightsData"))
            ServiceExportPart insightsService) {}

    /** Another service's part, as that service exported it (the envelope of hearth-platform's ExportPart). */
    public record ServiceExportPart(
            @Schema(examples = "exercise-service") String service,
            String personId,
            Instant exportedAt,

            @Schema(
                    type = SchemaType.OBJECT,
                    additionalProperties = Schema.True.class,
                    description =
                            "What the service holds about you: typed as `ExportPart<Service>Data.held` in that service's document (and in the public document).")
            Object held) {
        static ServiceExportPart of(ExportPart<JsonNode> part) {
            return part == null
                    ? null
                    : new ServiceExportPart(part.service(), part.personId(), part.exportedAt(), part.held());
        }
    }

    private ExportPart<CoupleData> localExport() {
        String me = caller.personId();
        Partner partner = partners.me(me, caller.nameFromToken().orElse(null));
        List<Couple> mine = couples.mine(me);
        List<UUID> ids = mine.stream().map(c -> c.id).toList();
        List<CoupleViews.GrantResponse> grants = grantService.ofCouples(ids).stream()
                .map(CoupleViews.GrantResponse::of)
                .toList();
        return ExportPart.of(
                "couple-service",
                me,
                clock.instant(),
                new CoupleData(
                        MeResponse.of(partner),
                        mine.stream().map(c -> CoupleViews.forMember(c, me)).toList(),
                        invitations.mine(me).stream()
                                .map(CoupleViews.InvitationResponse::of)
                                .toList(),
                        grants));
    }

    /** What couple-service holds about the caller. */
    public record CoupleData(
            MeResponse profile,
            List<CoupleViews.CoupleResponse> relationships,
            List<CoupleViews.InvitationResponse> invitations,
            List<CoupleViews.GrantResponse> grants) {}

    /**
     * The fields a person may change; anything else in the body is refused. A class with setters rather than a record
     * so that an absent attachmentStyle (unchanged) differs from an explicit null (cleared).
     */
    public static final class UpdateMeRequest {
        @Size(min = 1, max = 80)
        @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank")
        @Schema(examples = "Alice")
        private String displayName;

        @Size(max = 64)
        @Schema(examples = "Europe/Berlin")
        private String timeZone;

        @Size(max = 35)
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag such as en or fr-CA")
        @Schema(examples = "en")
        private String locale;

        @Valid
        private QuietHours quietHours;

        @Min(0)
        @Max(23)
        private Integer startOfDayHour;

        private Optional<AttachmentStyle> attachmentStyle;
        private Boolean shareAttachmentStyle;

        @Schema(
                description =
                        "ONE_AT_A_TIME (the default), or MORE_THAN_ONE to hold more than one romantic relationship at once; it governs pairings from now on. Never shown to your partners.")
        private RomanticRelationships romanticRelationships;

        public void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public void setLocale(String locale) {
            this.locale = locale;
        }

        public void setQuietHours(QuietHours quietHours) {
            this.quietHours = quietHours;
        }

        public void setStartOfDayHour(Integer startOfDayHour) {
            this.startOfDayHour = startOfDayHour;
        }

        public void setAttachmentStyle(AttachmentStyle attachmentStyle) {
            this.attachmentStyle = Optional.ofNullable(attachmentStyle);
        }

        public void setShareAttachmentStyle(Boolean shareAttachmentStyle) {
            this.shareAttachmentStyle = shareAttachmentStyle;
        }

        public void setRomanticRelationships(RomanticRelationships romanticRelationships) {
            this.romanticRelationships = romanticRelationships;
        }

        PartnerService.ProfileChanges changes() {
            return new PartnerService.ProfileChanges(
                    displayName,
                    timeZone,
                    locale,
                    quietHours == null ? null : quietHours.start(),
                    quietHours == null ? null : quietHours.end(),
                    startOfDayHour,
                    attachmentStyle,
                    shareAttachmentStyle,
                    romanticRelationships);
        }
    }

    /** Local times as HH:mm; start after end wraps midnight (22:00 to 07:00), start equal to end means none. */
    public record QuietHours(
            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime start,
            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime end) {}

    /** The caller's profile as its owner sees it. */
    public record MeResponse(
            @Schema(examples = "8d2e6f0a-44b1-4c8e-9f3a-2b7c1d5e9a10")
            String id,

            @Schema(examples = "Alice") String displayName,
            @Schema(examples = "Europe/Berlin") String timeZone,
            @Schema(examples = "en") String locale,
            QuietHours quietHours,
            int startOfDayHour,
            @Schema(nullable = true) AttachmentStyle attachmentStyle,
            boolean shareAttachmentStyle,

            @Schema(
                    description =
                            "One romantic relationship at a time, or more than one: your choice, never shown to your partners.")
            RomanticRelationships romanticRelationships) {

        static MeResponse of(Partner p) {
            if (p == null) {
                throw ApiException.notFound("No profile.");
            }
            return new MeResponse(
                    p.id,
                    p.displayName,
                    p.timeZone,
                    p.locale,
                    new QuietHours(p.quietHoursStart, p.quietHoursEnd),
                    p.startOfDayHour,
                    p.attachmentStyle,
                    p.shareAttachmentStyle,
                    p.romanticRelationships);
        }
    }
}
