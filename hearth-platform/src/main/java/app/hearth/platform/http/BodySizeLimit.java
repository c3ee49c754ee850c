package app.hearth.platform.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Refuses a body announced as larger than {@code hearth.http.max-body-bytes} with 413 problem+json before it is read.
 * (Quarkus's own limit, {@code quarkus.http.limits.max-body-size}, is the backstop for bodies sent without a length.)
 */
@Singleton
public class BodySizeLimit {

    void install(@Observes Router router, HttpLimitsConfig limits) {
        long maxBytes = limits.maxBodyBytes();
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long announced;
            try {
                announced = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                announced = -1;
            }
            if (announced > maxBytes) {
                Problem problem = new Problem(
                        "https://hearth.app/problems/payload-too-large",
                        "Payload Too Large",
                        413,
                        "The request body has " + announced + " bytes; at most " + maxBytes + " are accepted.",
                        ctx.request().path(),
                        List.of());
                HttpEdgeGuard.send(ctx, problem);
                return;
            }
            ctx.next();
        });
    }
}
