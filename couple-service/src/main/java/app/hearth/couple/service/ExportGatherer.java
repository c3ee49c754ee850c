package app.hearth.couple.service;

import app.hearth.couple.config.ExportConfig;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.privacy.ExportPart;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Asks every other service for what it holds about the caller (their {@code GET /v1/me/export}, with the caller's own
 * token, in parallel). Peers are REST clients like every other call between Hearth's services: their URL is
 * {@code quarkus.rest-client.<service>.url}. All or nothing: a service that is down or fails makes the whole export a
 * 503, never a partial document that looks complete.
 */
@ApplicationScoped
public class ExportGatherer {

    /** Every service's own part of the export (hearth-platform's envelope, the service's data as it sent it). */
    @Path("/v1/me/export")
    public interface ServiceExport {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        CompletionStage<ExportPart<JsonNode>> export(@HeaderParam("Authorization") String authorization);
    }

    @Inject
    ExportConfig config;

    private final Map<String, ServiceExport> clients = new ConcurrentHashMap<>();

    public Map<String, ExportPart<JsonNode>> gather(String bearerToken) {
        Map<String, CompletableFuture<ExportPart<JsonNode>>> calls = new TreeMap<>();
        for (String service : config.peers()) {
            calls.put(service, client(service).export("Bearer " + bearerToken).toCompletableFuture());
        }
        Map<String, ExportPart<JsonNode>> exports = new LinkedHashMap<>();
        long deadline = System.nanoTime() + config.timeout().toNanos();
        for (var call : calls.entrySet()) {
            String service = call.getKey();
            try {
                exports.put(
                        service, call.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw unavailable(service, "it did not answer in time");
            } catch (ExecutionException e) {
                throw unavailable(
                        service,
                        e.getCause() instanceof WebApplicationException answered
                                ? "it answered HTTP " + answered.getResponse().getStatus()
                                : "it could not be reached");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(service, "the export was interrupted");
            }
        }
        return exports;
    }

    private ServiceExport client(String service) {
        return clients.computeIfAbsent(
                service,
                name -> QuarkusRestClientBuilder.newBuilder()
                        .baseUri(URI.create(ConfigProvider.getConfig()
                                .getValue("quarkus.rest-client." + name + ".url", String.class)))
                        .connectTimeout(3, TimeUnit.SECONDS)
                        .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .followRedirects(false)
                        .build(ServiceExport.class));
    }

    private static ApiException unavailable(String service, String why) {
        return new ApiException(
                503,
                "https://hearth.app/problems/export-incomplete",
                "Service Unavailable",
                "Your export needs every part of Hearth, and " + service + " could not export (" + why + "). Nothing "
                        + "partial is returned: try again in a few minutes.",
                Duration.ofSeconds(60));
    }
}
