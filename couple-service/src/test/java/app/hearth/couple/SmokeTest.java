package app.hearth.couple;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.testsupport.ServiceSmokeContract;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmokeTest extends ServiceSmokeContract {

    @Override
    protected String protectedPath() {
        return "/v1/me";
    }

    @Override
    protected String jsonPostPath() {
        return "/v1/invitations";
    }

    /** The joined document is whole or not served (this module's tests run without the other services). */
    @Test
    void thePublicApiDocumentNeedsNoTokenAndIsNeverPartial() {
        given().get("/v1/openapi")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("60"))
                .body("type", equalTo("https://hearth.app/problems/api-document-unavailable"))
                .body("detail", containsString("exercise-service did not serve its document"));
    }

    /**
     * An anonymous endpoint must not become a fetch from every service per request: after a failed join, a burst of
     * requests is answered without asking the services again until the (test-short) window has passed.
     */
    @Test
    void aFailedJoinIsNotTriedAgainForEveryRequest() throws Exception {
        double before = failedJoins();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            given().get("/v1/openapi").then().statusCode(503);
            return failedJoins() > before;
        });
        double tried = failedJoins();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> given().get("/v1/openapi").statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(503);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(failedJoins()).as("joins tried during the burst").isEqualTo(tried);
    }

    private static double failedJoins() {
        // The value, then perhaps an exemplar (# {span_id=...}) on the same line.
        Matcher m = Pattern.compile(
                        "(?m)^hearth_public_api_document_joins_total\\{[^}]*outcome=\"failed\"[^}]*} (\\S+)")
                .matcher(given().get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
