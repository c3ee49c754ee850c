package app.hearth.couple.rest;

import app.hearth.couple.AttachmentStyle;
import app.hearth.couple.Couple;
import app.hearth.couple.Partner;
import app.hearth.couple.service.CoupleService;
import app.hearth.couple.service.ExportGatherer;
import app.hearth.couple.service.GrantService;
import app.hearth.couple.service.InvitationService;
import app.hearth.couple.service.PartnerService;
import app.hearth.platform.problem.ApiException;
import app.hearth.platform.security.Caller;
import com.fasterxml.jackson.annotation.JsonFormat;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The caller's own partner profile, its export and its erasure. */
@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

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
    org.eclipse.microprofile.jwt.JsonWebToken token;

    @GET
    public MeResponse me() {
        return MeResponse.of(partners.me(caller.personId(), caller.nameFromToken().orElse(null)));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public MeResponse update(@NotNull(message = "send the fields to change as a JSON object") @Valid UpdateMeRequest request) {
        return MeResponse.of(partners.update(caller.personId(), caller.nameFromToken().orElse(null), request.changes()));
    }

    /**
     * Forget me: see PartnerService#erase. Idempotent: a retry with the same (now refused) token answers 204 again
     * and changes nothing.
     */
    @DELETE
    public void erase() {
        partners.erase(caller.personIdForErasure());
    }

    /**
     * Everything Hearth holds about the caller, in one document: this service's part and every other service's
     * (gathered with the caller's token). If any service cannot export, the answer is a 503 problem, never a partial
     * document.
     */
    @GET
    @Path("/export")
    public Object export(@jakarta.ws.rs.QueryParam("part") String part) {
        Export mine = localExport();
        if (part != null) {
            if (!part.equals("couple-service")) {
                throw ApiException.badRequest("part: only 'couple-service' can be asked for alone here; each other "
                        + "service exports its own part at its own /v1/me/export.");
            }
            return mine;
        }
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("couple-service", mine);
        services.putAll(exports.gather(token.getRawToken()));
        return new FullExport(mine.profile().id(), Instant.now(), services);
    }

    public record FullExport(String personId, Instant exportedAt, Map<String, Object> services) {
    }

    private Export localExport() {
        String me = caller.personId();
        Partner partner = partners.me(me, caller.nameFromToken().orElse(null));
        List<Couple> mine = couples.mine(me);
        List<UUID> ids = mine.stream().map(c -> c.id).toList();
        List<CoupleViews.GrantResponse> grants = grantService.ofCouples(ids).stream().map(CoupleViews.GrantResponse::of).toList();
        return new Export("couple-service", Instant.now(), MeResponse.of(partner),
                mine.stream().map(c -> CoupleViews.forMember(c, me)).toList(),
                invitations.mine(me).stream().map(CoupleViews.InvitationResponse::of).toList(),
                grants);
    }

    public record Export(String service, Instant exportedAt, MeResponse profile,
                         List<CoupleViews.CoupleResponse> relationships,
                         List<CoupleViews.InvitationResponse> invitations,
                         List<CoupleViews.GrantResponse> grants) {
    }

    /**
     * The fields a person may change; anything else in the body is refused. A class with setters rather than a record
     * so that an absent attachmentStyle (unchanged) differs from an explicit null (cleared).
     */
    public static final class UpdateMeRequest {
        @Size(min = 1, max = 80)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        private String displayName;
        @Size(max = 64)
        private String timeZone;
        @Size(max = 35)
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag such as en or fr-CA")
        private String locale;
        @Valid
        private QuietHours quietHours;
        @Min(0)
        @Max(23)
        private Integer startOfDayHour;
        private Optional<AttachmentStyle> attachmentStyle;
        private Boolean shareAttachmentStyle;

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

        PartnerService.ProfileChanges changes() {
            return new PartnerService.ProfileChanges(displayName, timeZone, locale,
                    quietHours == null ? null : quietHours.start(), quietHours == null ? null : quietHours.end(),
                    startOfDayHour, attachmentStyle, shareAttachmentStyle);
        }
    }

    /** Local times as HH:mm; start after end wraps midnight (22:00 to 07:00), start equal to end means none. */
    public record QuietHours(@NotNull @JsonFormat(pattern = "HH:mm") LocalTime start,
                             @NotNull @JsonFormat(pattern = "HH:mm") LocalTime end) {
    }

    /** The caller's profile as its owner sees it. */
    public record MeResponse(
            String id,
            String displayName,
            String timeZone,
            String locale,
            QuietHours quietHours,
            int startOfDayHour,
            AttachmentStyle attachmentStyle,
            boolean shareAttachmentStyle) {

        static MeResponse of(Partner p) {
            if (p == null) {
                throw ApiException.notFound("No profile.");
            }
            return new MeResponse(p.id, p.displayName, p.timeZone, p.locale,
                    new QuietHours(p.quietHoursStart, p.quietHoursEnd), p.startOfDayHour, p.attachmentStyle,
                    p.shareAttachmentStyle);
        }
    }
}
