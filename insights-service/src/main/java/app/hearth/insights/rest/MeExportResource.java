package app.hearth.insights.rest;

import app.hearth.insights.service.InsightsService;
import app.hearth.platform.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Everything this service holds about the caller (data portability). */
@Path("/v1/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeExportResource {

    @Inject
    Caller caller;

    @Inject
    InsightsService insights;

    @Inject
    Clock clock;

    public record Export(String service, String partnerId, Instant exportedAt, Map<String, Object> held) {
    }

    @GET
    public Export export() {
        String me = caller.personId();
        return new Export("insights-service", me, clock.instant(), insights.export(me));
    }
}
