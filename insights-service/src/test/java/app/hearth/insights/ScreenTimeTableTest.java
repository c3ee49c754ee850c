package app.hearth.insights;

import static app.hearth.testsupport.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import app.hearth.testsupport.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Anyone signed in sees the guide's screen-time table, its figures and source, beside Hearth's own (k-anonymous). */
@QuarkusTest
class ScreenTimeTableTest {

    @Test
    void theGuidesTableIsServedInItsShapeBesideHearthsOwnFigures() {
        as(TestUsers.create("Reader"))
                .get("/v1/population/screen-time")
                .then()
                .statusCode(200)
                .body("rows", hasSize(3))
                .body("rows.label", contains("<1 hour", "1-3 hours", ">3 hours"))
                .body("rows.guideHighIntimacyPercent", contains(68, 50, 29))
                .body("rows.guideLowSatisfactionPercent", contains(14, 28, 46))
                .body("guideSource", startsWith("Original analysis based on AARP, 2024, Gottman Institute/Pew, 2025"))
                .body("hearthMeasure", startsWith("Hearth: couples by their most frequent daily screen time"));
        given().get("/v1/population/screen-time").then().statusCode(401);
    }
}
