package app.hearth.insights.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** exercise-service's public catalogue, read with the caller's own token. */
@RegisterRestClient(configKey = "exercise-service")
@Path("/v1/exercises")
public interface ExerciseCatalogueClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Exercise(
            String slug,
            String title,
            String summary,
            Set<String> layers,
            String kind,
            String level,
            int minutes,
            Set<String> relationshipKinds,
            boolean intense) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<Exercise> items, int page, int size, long total) {}

    @GET
    Page page(
            @QueryParam("page") int page,
            @QueryParam("size") int size,
            @HeaderParam("Authorization") String authorization);
}
