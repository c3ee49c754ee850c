package app.hearth.platform.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Every Hearth service's entry point. Quarkus refuses a request whose URI {@link java.net.URI} cannot parse (a stray
 * '%', a raw space) with an empty 400 before any route runs; with that check off, such a request reaches
 * {@link app.hearth.platform.http.HttpEdgeGuard}, which refuses it (and NULs, invalid UTF-8, ...) in problem+json.
 * The switch is a system property read when the HTTP server is set up, so it is set before Quarkus starts.
 */
@QuarkusMain
public class HearthMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
