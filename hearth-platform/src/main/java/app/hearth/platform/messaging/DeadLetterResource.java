package app.hearth.platform.messaging;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators (realm role {@code ops}) see and replay this service's dead letters. */
@Tag(
        name = "Operations",
        description =
                "For operators (realm role `ops`): dead letters, projection rebuilds and anonymised population tables.")
@Path("/v1/ops/dead-letters")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    public record DeadLetterList(String topic, List<DeadLetters.DeadLetter> items) {}

    @Operation(
            operationId = "listDeadLetters",
            summary = "List dead letters",
            description = "The events this service could never apply, from its dead-letter topic, with the reason.")
    @Extension(name = "x-internal", value = "true")
    @GET
    public DeadLetterList list() {
        return new DeadLetterList(deadLetters.topic(), deadLetters.list());
    }

    /** Replays every dead letter present now; idempotent through the inbox. */
    @Operation(
            operationId = "replayDeadLetters",
            summary = "Replay dead letters",
            description =
                    "Replays every dead letter present now (after the fix that lets them apply); idempotent through the inbox.")
    @Extension(name = "x-internal", value = "true")
    @POST
    @Path("/replay")
    public DeadLetters.ReplayResult replay() {
        return deadLetters.replay();
    }
}
