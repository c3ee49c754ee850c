package app.hearth.platform.ops;

import app.hearth.platform.inbox.DeadLetters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Operators (realm role {@code ops}) see and replay this service's dead letters. */
@Path("/v1/ops/dead-letters")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    public record DeadLetterList(String topic, List<DeadLetters.DeadLetter> items) {
    }

    @GET
    public DeadLetterList list() {
        return new DeadLetterList(deadLetters.topic(), deadLetters.list());
    }

    /** Replays every dead letter present now; idempotent through the inbox. */
    @POST
    @Path("/replay")
    public DeadLetters.ReplayResult replay() {
        return deadLetters.replay();
    }
}
