package app.hearth.membership;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** couple-service's public API, called with the caller's own token (so it answers exactly what the caller may see). */
@RegisterRestClient(configKey = "couple-service")
@Path("/v1/couples")
public interface CoupleServiceClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Member(String partnerId, String timeZone, Integer startOfDayHour) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Couple(
            UUID id,
            String kind,
            String status,
            String checkInCadence,
            String pauseWord,
            SafetyAgreements safetyAgreements,
            List<Member> members) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SafetyAgreements(boolean inForce) {}

    @GET
    @Path("/{coupleId}")
    Couple get(@PathParam("coupleId") UUID coupleId, @HeaderParam("Authorization") String authorization);
}
