package app.hearth.exercise.rest;

import app.hearth.exercise.service.ExportService;
import app.hearth.platform.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** Everything this service holds about the caller (data portability). */
@Path("/v1/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeExportResource {

    @Inject
    Caller caller;

    @Inject
    ExportService exports;

    public record Export(String service, String partnerId, Instant exportedAt, List<String> coupleIds,
                         List<ExportService.MyCheckIn> checkIns, List<ExportService.MySessionAnswer> sessionAnswers,
                         List<ExportService.MySession> sessions) {
    }

    @GET
    public Export export() {
        String me = caller.personId();
        return new Export("exercise-service", me, Instant.now(), exports.coupleIds(me), exports.checkIns(me),
                exports.sessionAnswers(me), exports.sessions(me));
    }
}
