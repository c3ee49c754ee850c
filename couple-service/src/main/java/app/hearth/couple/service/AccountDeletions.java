package app.hearth.couple.service;

import app.hearth.couple.config.AccountDeletionConfig;
import app.hearth.platform.runtime.PeriodicWork;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes erased people's logins at the identity provider. The erasure queues the subject in its own transaction;
 * this pass (every replica, rows claimed with SKIP LOCKED) calls Keycloak's admin API and retries with backoff until
 * it answers 204 or 404, so an identity provider that is down delays the deletion but cannot drop it. One DELETE
 * call does not justify a second REST client stack, so this uses the JDK's HTTP client.
 */
@ApplicationScoped
public class AccountDeletions {
    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(AccountDeletions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AccountDeletionConfig config;

    @Inject
    PeriodicWork work;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Called in the erasure's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(String subject, Instant now) {
        if (config.delete()) {
            Panache.getEntityManager()
                    .createNativeQuery("""
                            insert into account_deletion (subject, next_attempt_at) values (?1, ?2) on conflict do nothing""")
                    .setParameter(1, subject)
                    .setParameter(2, now)
                    .executeUpdate();
        }
    }

    @Scheduled(
            every = "${hearth.erasure.accounts.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (config.delete()) {
            work.run("account-deletions", Duration.ofMinutes(10), () -> runOnce(clock.instant()));
        }
    }

    /** One pass over the due deletions; returns how many logins were deleted. */
    public int runOnce(Instant now) {
        int deleted = 0;
        while (true) {
            List<?> due = QuarkusTransaction.requiringNew()
                    .call(() -> Panache.getEntityManager()
                            .createNativeQuery("""
                            select subject from account_deletion where next_attempt_at <= ?1
                            order by next_attempt_at limit 10""")
                            .setParameter(1, now)
                            .getResultList());
            if (due.isEmpty()) {
                return deleted;
            }
            int progress = 0;
            for (Object row : due) {
                String subject = (String) row;
                Boolean done = QuarkusTransaction.requiringNew().call(() -> attempt(subject, now));
                if (done != null) {
                    progress++;
                    deleted += done ? 1 : 0;
                }
            }
            if (progress == 0) {
                return deleted; // every due row is being handled by another replica
            }
        }
    }

    /** True if deleted, false if it will be retried, null if another replica holds the row. */
    private Boolean attempt(String subject, Instant now) {
        var em = Panache.getEntityManager();
        List<?> locked = em.createNativeQuery("""
                        select attempts from account_deletion where subject = ?1 and next_attempt_at <= ?2
                        for update skip locked""")
                .setParameter(1, subject)
                .setParameter(2, now)
                .getResultList();
        if (locked.isEmpty()) {
            return null;
        }
        int attempts = ((Number) locked.get(0)).intValue();
        String failure = deleteLogin(subject);
        if (failure == null) {
            em.createNativeQuery("delete from account_deletion where subject = ?1")
                    .setParameter(1, subject)
                    .executeUpdate();
            LOG.infof("Deleted an erased person's login at the identity provider");
            return true;
        }
        Duration backoff = config.initialBackoff().multipliedBy(1L << Math.min(attempts, 20));
        if (backoff.compareTo(config.maxBackoff()) > 0) {
            backoff = config.maxBackoff();
        }
        em.createNativeQuery("""
                        update account_deletion set attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3
                        where subject = ?1""")
                .setParameter(1, subject)
                .setParameter(2, now.plus(backoff))
                .setParameter(3, failure)
                .executeUpdate();
        LOG.warnf(
                "Could not delete an erased person's login (attempt %d, next in %s): %s",
                attempts + 1, backoff, failure);
        return false;
    }

    /** Null when the login is gone (deleted now, or already); otherwise what went wrong. */
    String deleteLogin(String subject) {
        int realmAt = issuer.indexOf("/realms/");
        if (realmAt < 0) {
            return "the OIDC issuer is not a Keycloak realm URL";
        }
        String base = issuer.substring(0, realmAt);
        String realm = issuer.substring(realmAt + "/realms/".length()).replaceAll("/+$", "");
        try {
            HttpResponse<String> token = http.send(
                    HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                                    + URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + "&client_secret="
                                    + URLEncoder.encode(config.clientSecret().orElse(""), StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                return "token: HTTP " + token.statusCode();
            }
            String accessToken =
                    JSON.readTree(token.body()).path("access_token").asText();
            HttpResponse<Void> deleted = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + "/users/"
                                    + URLEncoder.encode(subject, StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + accessToken)
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return deleted.statusCode() == 204 || deleted.statusCode() == 404
                    ? null
                    : "delete: HTTP " + deleted.statusCode();
        } catch (IOException e) {
            return "unreachable: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
