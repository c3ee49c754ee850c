package app.hearth.exercise.rest;

import app.hearth.exercise.service.ExerciseExport;
import app.hearth.platform.privacy.Caller;
import app.hearth.platform.privacy.ExportPart;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Everything this service holds about the caller (data portability). */
@Tag(
        name = "Data export",
        description =
                "Data portability: everything Hearth holds about you. The public export at couple-service gathers every service's part; each service also exports its own part to it.")
@Path("/v1/me/export")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeExportResource {
    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    ExerciseExport exports;

    /** What exercise-service holds about the caller. */
    public record ExerciseData(
            List<String> coupleIds,
            List<ExerciseExport.MyCheckIn> checkIns,
            List<ExerciseExport.MySessionAnswer> sessionAnswers,
            List<ExerciseExport.MySession> sessions) {}

    @Operation(
            operationId = "exportMyExerciseData",
            summary = "Export my exercise data",
            description =
                    "This service's part of your data export: your check-in answers, private notes and session answers. couple-service's export gathers it; not routed through the public entry point.")
    @Extension(name = "x-internal", value = "true")
    @GET
    public ExportPart<ExerciseData> export() {
        String me = caller.personId();
        return ExportPart.of(
                "exercise-service",
                me,
                clock.instant(),
                new ExerciseData(
                        exports.coupleIds(me), exports.checkIns(me), exports.sessionAnswers(me), exports.sessions(me)));
    }
}
