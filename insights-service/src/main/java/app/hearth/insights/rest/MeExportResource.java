package app.hearth.insights.rest;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/** Everything this service holds about the caller (data portability). */
@Path("/v1/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeExportResource {

    @Inject
    JsonWebToken token;

    @GET
    public Export export() {
        return new Export("insights-service", token.getSubject(), Instant.now());
    }

    public record Export(String service, String partnerId, Instant exportedAt) {
    }
}
