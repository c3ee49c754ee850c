package app.hearth.couple.service;

import app.hearth.couple.config.PublicApiConfig;
import app.hearth.platform.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The public API document, joined from the documents the services serve now ({@link ApiDocumentJoin}), so it always
 * describes the deployed services; {@code api/check} publishes it (as the test stack serves it). Its server is the public entry
 * point; served from anywhere else (the local stack, say), each path also names where this instance reaches the
 * service that owns it, so a client of this document can call a stack without an entry point.
 */
@ApplicationScoped
public class PublicApiDocument {
    private static final Logger LOG = Logger.getLogger(PublicApiDocument.class);

    /** Every service's own document, as Quarkus serves it. */
    @Path("/q/openapi")
    public interface ServedDocument {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        JsonNode document(@QueryParam("format") String format);
    }

    private record Joined(ObjectNode document, Map<String, String> owners, Instant fetchedAt) {}

    @Inject
    PublicApiConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private volatile Joined cached;

    /** The last join's failure and when it happened: no new join is tried until the configured wait has passed. */
    private record Failed(ApiException answer, Instant at) {}

    private volatile Failed failed;

    /** One join at a time: requests arriving meanwhile wait for its result rather than fetching again. */
    private final ReentrantLock joining = new ReentrantLock();

    /** The joined document, its servers for a request that came to {@code servedFrom}. */
    public ObjectNode document(String servedFrom) {
        Joined joined = current();
        ObjectNode document = joined.document().deepCopy();
        String publicUrl = ConfigProvider.getConfig().getValue("hearth.api.public-url", String.class);
        JsonNodeFactory json = JsonNodeFactory.instance;
        document.set(
                "servers",
                json.arrayNode()
                        .add(json.objectNode()
                                .put("url", publicUrl)
                                .put("description", "Hearth's public entry point.")));
        if (servedFrom != null && !servedFrom.equals(publicUrl)) {
            document.get("paths").properties().forEach(path -> {
                String owner = joined.owners().get(path.getKey());
                ((ObjectNode) path.getValue())
                        .putArray("servers")
                        .add(json.objectNode()
                                .put("url", url(owner))
                                .put("description", "Where this instance reaches " + owner + ", which serves it."));
            });
        }
        return document;
    }

    private boolean fresh(Joined joined) {
        return joined != null && !joined.fetchedAt().plus(config.cacheFor()).isBefore(clock.instant());
    }

    /**
     * The cached document while fresh; else one join for everyone waiting. After a failure the last whole document (if
     * any) is served, and the services are not asked again until {@code retry-failed-join-after} has passed.
     */
    private Joined current() {
        Joined current = cached;
        if (fresh(current)) {
            return current;
        }
        joining.lock();
        try {
            current = cached;
            if (fresh(current)) {
                return current;
            }
            Instant now = clock.instant();
            Failed lastFailure = failed;
            if (lastFailure != null
                    && lastFailure.at().plus(config.retryFailedJoinAfter()).isAfter(now)) {
                if (current != null) {
                    return current;
                }
                throw lastFailure.answer();
            }
            try {
                current = fetchAndJoin();
                registry.counter("hearth.public.api.document.joins", "outcome", "joined")
                        .increment();
                cached = current;
                failed = null;
                return current;
            } catch (ApiException e) {
                registry.counter("hearth.public.api.document.joins", "outcome", "failed")
                        .increment();
                failed = new Failed(e, now);
                if (current != null) {
                    return current; // stale but whole: still the deployed services' contract, minus the latest deploy
                }
                throw e;
            }
        } finally {
            joining.unlock();
        }
    }

    private Joined fetchAndJoin() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        for (String service : config.services()) {
            JsonNode document;
            try {
                document = client(service).document("json");
            } catch (RuntimeException e) {
                LOG.warnf("The public API document could not be joined: %s's document: %s", service, e.toString());
                throw unavailable(service + " did not serve its document");
            }
            documents.put(service, document);
            document.path("paths").fieldNames().forEachRemaining(path -> owners.putIfAbsent(path, service));
        }
        // The services' shared info (version, contact, license) under the public API's own title and description.
        ObjectNode info = documents.values().iterator().next().path("info").deepCopy();
        info.put("title", config.title()).put("description", config.description());
        try {
            return new Joined(ApiDocumentJoin.join(info, documents), owners, clock.instant());
        } catch (ApiDocumentJoin.ClashException e) {
            LOG.errorf("The services' documents clash: %s", e.getMessage());
            throw unavailable("the services' documents clash");
        }
    }

    private final Map<String, ServedDocument> clients = new ConcurrentHashMap<>();

    private ServedDocument client(String service) {
        return clients.computeIfAbsent(
                service,
                name -> QuarkusRestClientBuilder.newBuilder()
                        .baseUri(URI.create(url(name)))
                        .connectTimeout(3, TimeUnit.SECONDS)
                        .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .followRedirects(false)
                        .build(ServedDocument.class));
    }

    private static String url(String service) {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client." + service + ".url", String.class);
    }

    private static ApiException unavailable(String why) {
        return new ApiException(
                503,
                "https://hearth.app/problems/api-document-unavailable",
                "Service Unavailable",
                "The public API document joins every service's own, and " + why + ". Try again in a minute; each "
                        + "service's own document is at its /q/openapi.",
                Duration.ofSeconds(60));
    }
}
