package app.hearth.insights.service;

import app.hearth.insights.config.InsightsConfig;
import app.hearth.platform.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** exercise-service's catalogue, as recommendations need it: read with the caller's token, cached for a while. */
@ApplicationScoped
public class ExerciseCatalogue {
    private static final Logger LOG = Logger.getLogger(ExerciseCatalogue.class);

    @Inject
    Clock clock;

    @Inject
    InsightsConfig config;

    @Inject
    @RestClient
    ExerciseCatalogueClient catalogueClient;

    private volatile List<ExerciseCatalogueClient.Exercise> catalogue;
    private volatile Instant catalogueReadAt = Instant.EPOCH;

    /** The exercise catalogue, read from exercise-service (with the caller's token) at most once per TTL. */
    List<ExerciseCatalogueClient.Exercise> exercises(String authorization) {
        List<ExerciseCatalogueClient.Exercise> cached = catalogue;
        if (cached != null && catalogueReadAt.plus(config.catalogueTtl()).isAfter(clock.instant())) {
            return cached;
        }
        try {
            List<ExerciseCatalogueClient.Exercise> all = new ArrayList<>();
            for (int page = 0; page < 20; page++) {
                ExerciseCatalogueClient.Page result = catalogueClient.page(page, 50, authorization);
                all.addAll(result.items());
                if (all.size() >= result.total() || result.items().isEmpty()) {
                    break;
                }
            }
            catalogue = List.copyOf(all);
            catalogueReadAt = clock.instant();
            return catalogue;
        } catch (RuntimeException e) {
            if (cached != null) {
                LOG.warnf(
                        "exercise-service unavailable (%s); recommending from the catalogue read at %s",
                        e, catalogueReadAt);
                return cached;
            }
            throw new ApiException(
                    503,
                    "https://hearth.app/problems/catalogue-unavailable",
                    "Service Unavailable",
                    "The exercise catalogue cannot be read just now. Try again in a moment.");
        }
    }
}
