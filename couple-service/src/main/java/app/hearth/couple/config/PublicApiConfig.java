package app.hearth.couple.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The public API document couple-service serves ({@code GET /v1/openapi}): the services whose served documents it
 * joins, in this order, each at its REST client URL ({@code quarkus.rest-client.<name>.url}), and the joined
 * document's own title and description.
 */
@ConfigMapping(prefix = "hearth.public-api")
public interface PublicApiConfig {

    List<String> services();

    String title();

    String description();

    /** How long a joined document is served before the services' documents are fetched again (they change on deploy). */
    @WithDefault("5m")
    Duration cacheFor();

    /**
     * After a join failed, how long requests are answered from the last whole document (or 503 without one) before the
     * services are asked again: an anonymous request must not turn into a fetch from every service.
     */
    @WithDefault("10s")
    Duration retryFailedJoinAfter();

    /** How long fetching every service's document may take. */
    @WithDefault("10s")
    Duration timeout();
}
