package app.hearth.couple.rest;

import app.hearth.couple.service.CoupleAccess;
import app.hearth.couple.service.CoupleService;
import app.hearth.events.CoupleEvents.CheckInCadence;
import app.hearth.platform.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Relationships. Non-members (and partner apps without the couple's grant) get 404 for every id. */
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

    @GET
    public List<CoupleViews.CoupleResponse> mine() {
        String me = caller.personId();
        return couples.mine(me).stream().map(c -> CoupleViews.forMember(c, me)).toList();
    }

    /** For a member, the whole couple; for a partner app with an active {@code couples.read} grant, a narrower view. */
    @GET
    @Path("/{coupleId}")
    public Object get(@PathParam("coupleId") UUID coupleId) {
        if (caller.isPartnerApp()) {
            if (!caller.hasScope("couples.read")) {
                throw CoupleAccess.notFound(coupleId);
            }
            return CoupleViews.forPartnerApp(access.readableByPartnerApp(coupleId, caller.clientId(), "couples.read"));
        }
        String me = caller.personId();
        return CoupleViews.forMember(couples.get(coupleId, me), me);
    }

    /**
     * What the members agree on. A class with setters rather than a record, because a PATCH must tell an absent
     * field (unchanged: the setter is never called) from an explicit {@code null} (cleared).
     */
    public static final class UpdateCoupleRequest {
        private Optional<LocalDate> anniversary;
        private Optional<@Size(min = 1, max = 40) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String> pauseWord;
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

    @PATCH
    @Path("/{coupleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CoupleViews.CoupleResponse update(@PathParam("coupleId") UUID coupleId,
                                             @NotNull(message = "send the fields to change as a JSON object") @Valid UpdateCoupleRequest request) {
        String me = caller.personId();
        return CoupleViews.forMember(couples.update(coupleId, me, request.changes()), me);
    }

    @POST
    @Path("/{coupleId}/end")
    public CoupleViews.CoupleResponse end(@PathParam("coupleId") UUID coupleId) {
        String me = caller.personId();
        return CoupleViews.forMember(couples.end(coupleId, me), me);
    }
}
