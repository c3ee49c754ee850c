package app.hearth.couple;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import app.hearth.testsupport.ServiceSmokeContract;
import io.quarkus.test.junit.QuarkusTest;
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
}
