package app.hearth.couple.rest;

import app.hearth.couple.Partner;
import app.hearth.couple.service.PartnerService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's own partner profile. */
@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    JsonWebToken token;

    @Inject
    PartnerService partners;

    @GET
    public MeResponse me() {
        String name = token.getClaim("name");
        if (name == null) {
            name = token.getClaim("preferred_username");
        }
        return MeResponse.of(partners.me(token.getSubject(), name));
    }

    /** The caller's profile as the API shows it to its owner. */
    public record MeResponse(
            String id,
            String displayName,
            String timeZone,
            String locale,
            QuietHours quietHours,
            int startOfDayHour,
            String attachmentStyle,
            boolean shareAttachmentStyle) {

        static MeResponse of(Partner p) {
            return new MeResponse(p.id, p.displayName, p.timeZone, p.locale,
                    new QuietHours(p.quietHoursStart.toString(), p.quietHoursEnd.toString()), p.startOfDayHour,
                    p.attachmentStyle == null ? null : p.attachmentStyle.name(), p.shareAttachmentStyle);
        }
    }

    public record QuietHours(String start, String end) {
    }
}
