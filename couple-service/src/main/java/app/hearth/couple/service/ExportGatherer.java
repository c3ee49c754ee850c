package app.hearth.couple.service;

import app.hearth.couple.config.ExportConfig;
import app.hearth.platform.http.ApiException;
import app.hearth.platform.privacy.ExportPart;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks every other service for what it holds about the caller (their {@code GET /v1/me/export}, with the caller's own
 * token, in parallel). All or nothing: a service that is down or fails makes the whole export a 503, never a
 * partial document that looks complete.
 */
@ApplicationScoped
public class ExportGatherer {
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Inject
    ExportConfig config;

    @Inject
    ObjectMapper json;

    private static final TypeReference<ExportPart<JsonNode>> PART = new TypeReference<>() {};

    /** Every other service's part, read into the common envelope (a part not in it fails the export as unavailable). */
    public Map<String, ExportPart<JsonNode>> gather(String bearerToken) {
        Map<String, CompletableFuture<HttpResponse<String>>> calls = new TreeMap<>();
        config.peers()
                .forEach((service, url) -> calls.put(
                        service,
                        http.sendAsync(
                                HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/v1/me/export"))
                                        .timeout(config.timeout())
                                        .header("Authorization", "Bearer " + bearerToken)
                                        .header("Accept", "application/json")
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())));
        Map<String, ExportPart<JsonNode>> exports = new LinkedHashMap<>();
        long deadline = System.nanoTime() + config.timeout().toNanos();
        for (var call : calls.entrySet()) {
            String service = call.getKey();
            try {
                HttpResponse<String> response =
                        call.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (response.statusCode() != 200) {
                    throw unavailable(service, "it answered HTTP " + response.statusCode());
                }
                exports.put(service, json.readValue(response.body(), PART));
            } catch (TimeoutException e) {
                throw unavailable(service, "it did not answer in time");
            } catch (JsonProcessingException e) {
                throw unavailable(service, "its answer was not an export part");
            } catch (ExecutionException | IOException e) {
                throw unavailable(service, "it could not be reached");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(service, "the export was interrupted");
            }
        }
        return exports;
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
