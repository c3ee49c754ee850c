package app.hearth.exercise;

import app.hearth.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

@QuarkusTest
class CatalogueTest {

    private static RequestSpecification alice() {
        return given().auth().oauth2(Tokens.user("alice"));
    }

    @Test
    void theCatalogueCoversEverythingTheGuideOffers() {
        List<String> slugs = alice().queryParam("size", 50).get("/v1/exercises").then().statusCode(200)
                .extract().jsonPath().getList("items.slug");
        assertThat(slugs).contains("radical-vulnerability", "thirty-six-questions-rewired",
                "silent-morning-coffee", "silent-evening-together", "silent-walk",
                "shared-discomfort-class", "shared-discomfort-volunteer", "shared-discomfort-physical",
                "digital-detox-7-day",
                "booster-eye-contact-check-in", "booster-gratitude-exchange", "booster-shared-playlist",
                "booster-mini-dream-sharing", "booster-silent-hand-holding",
                "conflict-check-in", "no-judgment-zone", "reflecting-back-feelings",
                "habit-daily-gratitude", "habit-eye-contact", "habit-rituals-of-reconnection",
                "emotional-availability-self-assessment", "intimacy-myths-quiz", "common-mistakes-checklist",
                "next-steps-checklist", "friends-and-family-adaptation");
    }

    @Test
    void radicalVulnerabilityHasItsFiveStepsThreeLevelsAndSafetyNotes() {
        alice().get("/v1/exercises/radical-vulnerability").then().statusCode(200)
                .body("steps", hasSize(5))
                .body("steps[2].timing", equalTo("5 minutes each, no interruptions"))
                .body("steps.type", hasItems("SHARE", "REFLECT_BACK", "DEBRIEF"))
                .body("prompts.BEGINNER", hasSize(1))
                .body("prompts.INTERMEDIATE", hasSize(1))
                .body("prompts.ADVANCED", hasSize(1))
                .body("safetyNotes", hasItem(containsString("pause word")))
                .body("layers", hasItems("OPENNESS", "SAFETY"));
    }

    @Test
    void theThirtySixQuestionsComeInThreeSetsOfTwelveWithDeviceAndSocialPrompts() {
        var json = alice().get("/v1/exercises/thirty-six-questions-rewired").then().statusCode(200).extract().jsonPath();
        assertThat(json.getList("prompts.BEGINNER")).hasSize(12);
        assertThat(json.getList("prompts.INTERMEDIATE")).hasSize(12);
        assertThat(json.getList("prompts.ADVANCED")).hasSize(12);
        List<String> texts = json.getList("prompts.INTERMEDIATE.text");
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("devices"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("social issue"));
    }

    @Test
    void theDetoxIsASevenDayPlanAndTheChecklistsAndAssessmentsAreComplete() {
        alice().get("/v1/exercises/digital-detox-7-day").then().body("kind", equalTo("PLAN"))
                .body("steps", hasSize(7)).body("steps.type", everyItem(equalTo("DAY")));
        alice().get("/v1/exercises/emotional-availability-self-assessment").then().body("kind", equalTo("ASSESSMENT"))
                .body("steps.findAll { it.type == 'QUESTION' }", hasSize(4));
        alice().get("/v1/exercises/intimacy-myths-quiz").then().body("steps", hasSize(5));
        alice().get("/v1/exercises/common-mistakes-checklist").then().body("steps", hasSize(5));
        alice().get("/v1/exercises/next-steps-checklist").then().body("steps.title", hasItem("Set a recurring check-in"));
        alice().queryParam("kind", "BOOSTER").get("/v1/exercises").then().body("total", equalTo(5))
                .body("items.minutes", everyItem(equalTo(5)));
    }

    @Test
    void filtersCombine() {
        alice().queryParam("layer", "EMPATHY").queryParam("maxMinutes", 15).get("/v1/exercises").then().statusCode(200)
                .body("items.layers", everyItem(hasItem("EMPATHY")))
                .body("items.minutes", everyItem(lessThanOrEqualTo(15)));
        alice().queryParam("relationshipKind", "FRIENDSHIP").queryParam("kind", "CONVERSATION").get("/v1/exercises").then()
                .body("items.slug", hasItem("friends-and-family-adaptation"))
                .body("items.relationshipKinds", everyItem(hasItem("FRIENDSHIP")));
        alice().queryParam("relationshipKind", "ROMANTIC").get("/v1/exercises").then()
                .body("items.slug", org.hamcrest.Matchers.not(hasItem("friends-and-family-adaptation")));
        alice().queryParam("level", "advanced").get("/v1/exercises").then().body("items.level", everyItem(equalTo("ADVANCED")));
    }

    @Test
    void pagesAreStableAndBounded() {
        var all = alice().queryParam("size", 50).get("/v1/exercises").then().extract().jsonPath();
        List<String> first = alice().queryParam("size", 10).queryParam("page", 0).get("/v1/exercises").then()
                .body("size", equalTo(10)).extract().jsonPath().getList("items.slug");
        List<String> second = alice().queryParam("size", 10).queryParam("page", 1).get("/v1/exercises").then()
                .extract().jsonPath().getList("items.slug");
        assertThat(first).doesNotContainAnyElementsOf(second);
        assertThat(all.getList("items.slug").subList(0, 20)).containsExactlyElementsOf(
                java.util.stream.Stream.concat(first.stream(), second.stream()).toList());
        assertThat(all.getInt("total")).isEqualTo(all.getList("items").size());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"layer,INTIMACY", "kind,GAME", "level,EXPERT", "maxMinutes,-5", "maxMinutes,soon", "relationshipKind,COLLEAGUE",
            "size,51", "size,0", "page,-1"})
    void badFiltersAreBadRequests(String param, String value) {
        alice().queryParam(param, value).get("/v1/exercises").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(param));
    }

    @Test
    void anUnknownExerciseIsNotFound() {
        alice().get("/v1/exercises/no-such-exercise").then().statusCode(404).contentType("application/problem+json");
    }
}
