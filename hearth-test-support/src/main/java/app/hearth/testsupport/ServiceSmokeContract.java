package app.hearth.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.events.EventJson;
import app.hearth.events.EventSchemas;
import app.hearth.events.PlatformEvents;
import app.hearth.events.Topics;
import app.hearth.platform.messaging.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * What every service must do on the real infrastructure: boot with its schema migrated, report ready, refuse
 * missing, foreign and forged tokens with problem+json, accept a real one, and get an event through its outbox to
 * the broker; and answer every hostile request at the HTTP edge with problem+json ({@link HttpEdgeContract}). Each
 * service's smoke test extends this and names one of its protected endpoints and one that takes JSON.
 */
public abstract class ServiceSmokeContract extends HttpEdgeContract {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    /** A browser on the web app's origin may call the service with the contract's headers; no other origin may. */
    @Test
    void answersPreflightsForTheWebAppsOriginOnly() {
        given().header("Origin", TestInfrastructure.WEB_APP_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,if-match")
                .options(protectedPath())
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", TestInfrastructure.WEB_APP_ORIGIN)
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Allow-Credentials", Matchers.not(equalTo("true")));
        // A browser reads the answer's headers only when they are exposed.
        given().header("Origin", TestInfrastructure.WEB_APP_ORIGIN)
                .get(protectedPath())
                .then()
                .statusCode(401)
                .header("Access-Control-Allow-Origin", TestInfrastructure.WEB_APP_ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("WWW-Authenticate"))
                .header("Access-Control-Expose-Headers", containsString("Idempotent-Replayed"));
        given().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options(protectedPath())
                .then()
                .header("Access-Control-Allow-Origin", Matchers.nullValue());
    }

    /** Each operation admits exactly the partner-app scopes its OpenAPI {@code security} lists (PartnerAppScopes). */
    @Test
    void partnerAppsMayCallExactlyWhatTheDocumentSays() throws Exception {
        assertThat(PartnerAppScopes.disagreements()).isEmpty();
    }

    @Test
    void databaseErrorsDoNotQuoteTheRowTheyRefused() throws Exception {
        String secret = "words-a-person-wrote-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("insert into erased_subject (subject_hash, kind, erased_at) values ('" + secret
                    + "', 'NEITHER', now())");
            throw new AssertionError("the check constraint should have refused the row");
        } catch (SQLException refused) {
            assertThat(refused.getMessage()).contains("erased_subject").doesNotContain(secret);
        }
    }

    @Test
    void bootsAgainstTheRealDatabaseWithItsSchemaMigrated() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // The service's own history, and hearth-platform's (every service has its outbox) kept apart from it.
            for (String history : new String[] {"flyway_schema_history", "flyway_history_platform"}) {
                ResultSet migrations =
                        statement.executeQuery("select count(*) filter (where success and type = 'SQL'), "
                                + "count(*) filter (where not success) from " + history);
                migrations.next();
                assertThat(migrations.getInt(1))
                        .as("applied migrations in " + history)
                        .isPositive();
                assertThat(migrations.getInt(2))
                        .as("failed migrations in " + history)
                        .isZero();
            }
            ResultSet shared =
                    statement.executeQuery("select count(*) from flyway_schema_history where version like '0.%'");
            shared.next();
            assertThat(shared.getInt(1))
                    .as("shared modules' migrations in the service's own history")
                    .isZero();
            ResultSet database = statement.executeQuery("select current_database(), version()");
            database.next();
            assertThat(database.getString(1)).endsWith("_test");
            assertThat(database.getString(2)).startsWith("PostgreSQL");
        }
    }

    @Test
    void reportsReadyAndExposesMetricsAndOpenApi() {
        // Ready, and saying why: the database and the background work (the outbox relay runs on every replica).
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'background work' }.data.outbox-relay", containsString("last ran"));
        given().get("/v1/ops/dead-letters").then().statusCode(401); // a request, so the HTTP server metrics exist
        // The series deploy/k8s/base/monitoring.yaml alerts on and its dashboard draws.
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString("hearth_outbox_backlog"),
                        containsString("hearth_outbox_oldest_age_seconds"),
                        containsString("http_server_requests_seconds_count"));
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("openapi", containsString("3."))
                // A client generated from the served document calls this instance first; production comes second.
                .body("servers[0].url", equalTo("http://localhost:" + RestAssured.port))
                .body("servers[1].url", equalTo("https://api.hearth.app"))
                // ... and signs in where this instance's tokens come from, not at production's identity provider.
                .body(
                        "components.securitySchemes.'hearth-people'.flows.authorizationCode.authorizationUrl",
                        equalTo(TestInfrastructure.OIDC_ISSUER + "/protocol/openid-connect/auth"));
    }

    @Test
    void refusesARequestWithoutToken() {
        given().get(protectedPath())
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                // RFC 6750: no token sent, so no error code.
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void refusesATokenMintedForAnotherAudience() {
        given().auth()
                .oauth2(Tokens.wrongAudience("alice"))
                .get(protectedPath())
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .contentType("application/problem+json");
    }

    @Test
    void refusesATokenWithABadSignature() {
        given().auth()
                .oauth2(Tokens.badSignature("alice"))
                .get(protectedPath())
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void acceptsARealTokenForTheApi() {
        given().auth()
                .oauth2(Tokens.user("alice"))
                .accept(ContentType.JSON)
                .get(protectedPath())
                .then()
                .statusCode(200);
    }

    @Test
    void unknownPathsAnswerProblemJson() {
        given().auth()
                .oauth2(Tokens.user("alice"))
                .get("/v1/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void anEventWrittenToTheOutboxReachesTheRealBroker() {
        String probeId = UUID.randomUUID().toString();
        try (TopicReader reader = new TopicReader(Topics.PROBE)) {
            QuarkusTransaction.requiringNew()
                    .run(() ->
                            outbox.publish(PlatformEvents.PROBE, probeId, new PlatformEvents.Probe("smoke", probeId)));
            List<ConsumerRecord<String, String>> records =
                    reader.await(r -> probeId.equals(r.key()), 1, Duration.ofSeconds(15));
            String value = records.get(0).value();
            assertThat(EventSchemas.validate(value)).isEmpty();
            assertThat(EventJson.read(value).dataAs(PlatformEvents.PROBE).probeId())
                    .isEqualTo(probeId);
        }
    }
}
