package app.hearth.platform.http;

import app.hearth.platform.privacy.Box;
import app.hearth.platform.privacy.KeyedHash;
import app.hearth.platform.privacy.SecretKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Safe retries of {@code POST} (docs/api-guidelines.md, "Retries"): a request with an {@code Idempotency-Key} header
 * claims the key for its caller in a transaction that the work itself joins (the services' {@code @Transactional}
 * methods run inside it), and the first successful answer is stored in that same transaction. So the work and its
 * record commit together or not at all; a retry with the same key and the same request gets the stored answer
 * ({@code Idempotent-Replayed: true}) without the work being done again, a concurrent duplicate waits on the key's
 * row until the first commits, and the same key with a different request is a 422 problem. An answer that is not a
 * success is not stored (the key stays free): the request had no effect worth remembering, and a retry runs again.
 * Work in {@code QuarkusTransaction.requiringNew()} escapes the claim and commits on its own; where transactions begin
 * is listed in docs/architecture.md ("Where transactions begin").
 */
@ApplicationScoped
@Startup // its key is checked when the service starts
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);
    private static final String CLAIM = IdempotentRequests.class.getName() + ".claim";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{8,255}");

    @Inject
    TransactionManager transactions;

    @Inject
    EntityManager em;

    @Inject
    CurrentIdentityAssociation identity;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final IdempotencyConfig config;
    private final KeyedHash hmac;

    @Inject
    public IdempotentRequests(IdempotencyConfig config, SecretKeys keys) {
        this.config = config;
        this.hmac = keys.hmac("HEARTH_IDEMPOTENCY_KEY", config.key());
    }

    /** One caller's key: where its answer is stored and what seals it. */
    private record Claim(String lookup, SecretKey sealing, String caller) {}

    private record Stored(String requestHash, int status, String location, String contentType, String sealedBody) {}

    @ServerRequestFilter
    public Optional<Response> claim(ContainerRequestContext request) throws Exception {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return Optional.of(problem(
                    400,
                    "invalid-request",
                    "Invalid request",
                    HEADER + " must be 8 to 255 visible "
                            + "ASCII characters; a random UUID per operation is what clients usually send."));
        }
        SecurityIdentity caller = identity.getIdentity();
        if (caller.isAnonymous()) {
            return Optional.empty(); // the endpoint refuses the request itself, with its usual 401
        }
        // The token subject (what erasure names), not the principal's display name.
        String subject = caller.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : caller.getPrincipal().getName();
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        Claim claim = new Claim(
                hex(hmac.of("lookup\n" + subject + "\n" + key)),
                new SecretKeySpec(hmac.of("seal\n" + subject + "\n" + key), "AES"),
                subject);
        String requestHash = requestHash(claim, request, body);

        transactions.begin();
        boolean claimed;
        try {
            // Waits on a concurrent request holding the same key until it commits (then finds its answer) or rolls
            // back (then claims the key itself); an answer past its retention is replaced.
            claimed = 1
                    == em.createNativeQuery("""
                            insert into idempotent_request (lookup, caller, request_hash, created_at) values (?1, ?2, ?3, ?4)
                            on conflict (lookup) do update set request_hash = excluded.request_hash, status = 0,
                                location = null, content_type = null, sealed_body = null, created_at = excluded.created_at
                            where idempotent_request.created_at < ?5""")
                            .setParameter(1, claim.lookup())
                            .setParameter(2, subject)
                            .setParameter(3, requestHash)
                            .setParameter(4, clock.instant())
                            .setParameter(5, clock.instant().minus(config.retention()))
                            .executeUpdate();
        } catch (RuntimeException e) {
            transactions.rollback();
            throw e;
        }
        if (claimed) {
            request.setProperty(CLAIM, claim);
            return Optional.empty();
        }
        transactions.rollback();
        Stored stored = stored(claim.lookup());
        if (stored == null) {
            // Purged between the two statements: rare enough that the client's own retry is the answer.
            return Optional.of(problemBuilder(
                            409,
                            "idempotency-key-busy",
                            "Conflict",
                            "This " + HEADER + " was just released; send the request again.")
                    .header("Retry-After", 1)
                    .build());
        }
        if (!stored.requestHash().equals(requestHash)) {
            return Optional.of(problem(
                    422,
                    "idempotency-key-reused",
                    "Unprocessable Content",
                    "This " + HEADER
                            + " was used within the last " + config.retention().toHours()
                            + " hours for a different request "
                            + "(another path or body). Use a new key for a new operation."));
        }
        return Optional.of(replay(claim, stored));
    }

    @ServerResponseFilter
    public void complete(ContainerRequestContext request, ContainerResponseContext response) {
        Claim claim = (Claim) request.getProperty(CLAIM);
        if (claim == null) {
            return;
        }
        request.removeProperty(CLAIM);
        try {
            boolean success = response.getStatus() >= 200 && response.getStatus() < 300;
            if (transactions.getStatus() != Status.STATUS_ACTIVE) {
                transactions.rollback();
            } else if (success) {
                byte[] body = response.hasEntity() ? json.writeValueAsBytes(response.getEntity()) : null;
                em.createNativeQuery("""
                                update idempotent_request set status = ?2, location = ?3, content_type = ?4, sealed_body = ?5
                                where lookup = ?1""")
                        .setParameter(1, claim.lookup())
                        .setParameter(2, response.getStatus())
                        .setParameter(3, response.getHeaderString(HttpHeaders.LOCATION))
                        // The writer picks the media type later; a POST's answer here is always JSON.
                        .setParameter(
                                4,
                                body == null
                                        ? null
                                        : response.getMediaType() == null
                                                ? MediaType.APPLICATION_JSON
                                                : response.getMediaType().toString())
                        .setParameter(
                                5,
                                body == null
                                        ? null
                                        : Box.box(
                                                claim.sealing(), aad(claim), new String(body, StandardCharsets.UTF_8)))
                        .executeUpdate();
                transactions.commit();
            } else {
                // Not a success: whatever the request did (a failed attempt counted, say) commits as it would have
                // without a key, and the key stays free.
                em.createNativeQuery("delete from idempotent_request where lookup = ?1")
                        .setParameter(1, claim.lookup())
                        .executeUpdate();
                transactions.commit();
            }
        } catch (Exception e) {
            LOG.warnf("%s request not committed: %s", HEADER, e.toString());
            try {
                if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transactions.rollback();
                }
            } catch (Exception ignored) {
                // the transaction is gone either way
            }
            // The client was about to hear "done" for work that did not commit: it must hear "retry" instead.
            Problem problem = new Problem(
                    "https://hearth.app/problems/temporarily-unavailable",
                    "Service Unavailable",
                    503,
                    "The request could not be completed; nothing was changed. Send it again with the same " + HEADER
                            + ".",
                    request.getUriInfo().getPath(),
                    List.of());
            response.setStatus(503);
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            response.getHeaders().remove(HttpHeaders.LOCATION);
            response.getHeaders().putSingle("Retry-After", "1");
            response.setEntity(problem);
        }
    }

    /** Drops answers past their retention (a key may then be used again, for anything). */
    @Scheduled(
            every = "${hearth.idempotency.purge-interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        em.createNativeQuery("delete from idempotent_request where created_at < ?1")
                .setParameter(1, clock.instant().minus(config.retention()))
                .executeUpdate();
    }

    private Response replay(Claim claim, Stored stored) throws GeneralSecurityException {
        Response.ResponseBuilder answer = Response.status(stored.status()).header(REPLAYED, "true");
        if (stored.location() != null) {
            answer.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.sealedBody() != null) {
            answer.type(stored.contentType())
                    .entity(Box.unbox(claim.sealing(), aad(claim), stored.sealedBody())
                            .getBytes(StandardCharsets.UTF_8));
        }
        return answer.build();
    }

    private Stored stored(String lookup) {
        List<?> rows = em.createNativeQuery("""
                        select request_hash, status, location, content_type, sealed_body from idempotent_request
                        where lookup = ?1""").setParameter(1, lookup).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Stored(
                (String) row[0], ((Number) row[1]).intValue(), (String) row[2], (String) row[3], (String) row[4]);
    }

    private String requestHash(Claim claim, ContainerRequestContext request, byte[] body) {
        byte[] line =
                (request.getMethod() + " " + request.getUriInfo().getPath() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(line, line.length + body.length);
        System.arraycopy(body, 0, all, line.length, body.length);
        return hex(new KeyedHash(claim.sealing().getEncoded()).of(all));
    }

    private static byte[] aad(Claim claim) {
        return claim.lookup().getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Response.ResponseBuilder problemBuilder(int status, String type, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("https://hearth.app/problems/" + type, title, status, detail, null, List.of()));
    }

    private static Response problem(int status, String type, String title, String detail) {
        return problemBuilder(status, type, title, detail).build();
    }
}
