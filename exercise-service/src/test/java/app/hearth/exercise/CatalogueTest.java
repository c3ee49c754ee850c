package app.hearth.exercise;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import app.hearth.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class CatalogueTest {

    private static RequestSpecification alice() {
        return given().auth().oauth2(Tokens.user("alice"));
    }

    @Test
    void theCatalogueCoversEverythingTheGuideOffers() {
        List<String> slugs = alice().queryParam("size", 50)
                .get("/v1/exercises")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.slug");
        assertThat(slugs)
                .contains(
                        "radical-vulnerability",
                        "thirty-six-questions-rewired",
                        "silent-morning-coffee",
                        "silent-evening-together",
                        "silent-walk",
                        "shared-discomfort-class",
                        "shared-discomfort-volunteer",
                        "shared-discomfort-physical",
                        "digital-detox-7-day",
                        "booster-eye-contact-check-in",
                        "booster-gratitude-exchange",
                        "booster-shared-playlist",
                        "booster-mini-dream-sharing",
                        "booster-silent-hand-holding",
                        "conflict-check-in",
                        "no-judgment-zone",
                        "reflecting-back-feelings",
                        "habit-daily-gratitude",
                        "habit-eye-contact",
                        "habit-rituals-of-reconnection",
                        "emotional-availability-self-assessment",
                        "intimacy-myths-quiz",
                        "common-mistakes-checklist",
                        "next-steps-checklist",
                        "friends-and-family-adaptation",
                        // The advanced material as exercises of its own, and the long-distance rituals.
                        "sharing-a-past-hurt",
                        "weekly-hard-topic-pact",
                        "rebuilding-trust-weekly",
                        "honest-feedback-with-empathy",
                        "long-distance-same-book",
                        "long-distance-voice-notes",
                        "long-distance-milestones");
    }

    @Test
    void radicalVulnerabilityHasItsFiveStepsThreeLevelsAndSafetyNotes() {
        alice().get("/v1/exercises/radical-vulnerability")
                .then()
                .statusCode(200)
                .body("steps", hasSize(5))
                .body("steps[2].timing", equalTo("5 minutes each, no interruptions"))
                .body("steps.type", hasItems("SHARE", "REFLECT_BACK", "DEBRIEF"))
                // The guide: "Experts recommend starting small" - a default session plays the beginner prompt.
                .body("level", equalTo("BEGINNER"))
                .body("intense", equalTo(true))
                .body("prompts.BEGINNER.text", contains("What is one thing that made you smile this week?"))
                .body("prompts.INTERMEDIATE.text", hasItem("What's one thing you're afraid to tell me?"))
                .body("prompts.INTERMEDIATE", hasSize(2))
                .body("prompts.ADVANCED", hasSize(1))
                .body("safetyNotes.text", hasItem(containsString("pause word")))
                .body("layers", hasItems("OPENNESS", "SAFETY"));
    }

    @Test
    void theThirtySixQuestionsComeInThreeSetsOfTwelveWithDeviceAndSocialPrompts() {
        var json = alice().get("/v1/exercises/thirty-six-questions-rewired")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getList("prompts.BEGINNER")).hasSize(12);
        assertThat(json.getList("prompts.INTERMEDIATE")).hasSize(12);
        assertThat(json.getList("prompts.ADVANCED")).hasSize(12);
        List<String> texts = json.getList("prompts.INTERMEDIATE.text");
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("devices"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("social issue"));
    }

    @Test
    void theDetoxIsASevenDayPlanAndTheChecklistsAndAssessmentsAreComplete() {
        alice().get("/v1/exercises/digital-detox-7-day")
                .then()
                .body("kind", equalTo("PLAN"))
                .body("steps", hasSize(7))
                .body("steps.type", everyItem(equalTo("DAY")));
        alice().get("/v1/exercises/emotional-availability-self-assessment")
                .then()
                .body("kind", equalTo("ASSESSMENT"))
                .body("answersPrivate", equalTo(true))
                .body("prompts.BEGINNER", hasSize(4))
                .body("prompts.BEGINNER.text", hasItem("Do I listen without planning my response?"));
        alice().get("/v1/exercises/intimacy-myths-quiz")
                .then()
                .body("prompts.BEGINNER", hasSize(10))
                .body(
                        "prompts.BEGINNER.text",
                        hasItems(
                                "If it is real, it is effortless.",
                                "Talking always fixes everything.",
                                "To be truly close, you must share everything.",
                                "Intimacy is just for new couples.",
                                "Conflict always destroys closeness."));
        alice().get("/v1/exercises/common-mistakes-checklist")
                .then()
                .body("prompts.BEGINNER", hasSize(5))
                .body("prompts.BEGINNER.answerKind", everyItem(equalTo("TICK")));
        alice().get("/v1/exercises/next-steps-checklist")
                .then()
                .body("prompts.BEGINNER.text", hasItem("Set a recurring check-in"));
        alice().queryParam("kind", "BOOSTER")
                .get("/v1/exercises")
                .then()
                .body("total", equalTo(6))
                .body("items.minutes", everyItem(equalTo(5)));
    }

    @Test
    void theGuidesPracticalPracticesAreExercises() {
        // Layer 5's independence half: time and friendships of one's own, decisions alone, and a private self-check.
        List<String> interdependence = alice().queryParam("layer", "INTERDEPENDENCE")
                .queryParam("size", 50)
                .get("/v1/exercises")
                .then()
                .extract()
                .jsonPath()
                .getList("items.slug");
        assertThat(interdependence)
                .contains(
                        "solo-time-then-share", "own-friendships", "decide-alone-then-tell", "codependence-self-check");
        alice().get("/v1/exercises/codependence-self-check")
                .then()
                .body("kind", equalTo("ASSESSMENT"))
                .body("answersPrivate", equalTo(true))
                .body("prompts.BEGINNER.answerKind", everyItem(equalTo("TICK")))
                .body(
                        "prompts.BEGINNER.text",
                        hasItems(
                                "I feel panicked when we are apart.",
                                "I find it hard to make decisions on my own.",
                                "I have been neglecting my friendships.",
                                "I keep seeking reassurance to feel worthy."));
        // The five habits that erode intimacy, each with its repair.
        alice().get("/v1/exercises/five-eroding-habits")
                .then()
                .body("kind", equalTo("CHECKLIST"))
                .body("prompts.BEGINNER", hasSize(5))
                .body(
                        "prompts.BEGINNER.text",
                        everyItem(anyOf(
                                startsWith("Defensive listening"),
                                startsWith("Stonewalling"),
                                startsWith("Passive-aggressive comments"),
                                startsWith("Avoiding hard topics"),
                                startsWith("Assuming mind-reading"))))
                .body("prompts.BEGINNER.detail", everyItem(startsWith("Repair: ")));
        alice().get("/v1/exercises/booster-what-scared-you-today")
                .then()
                .body("kind", equalTo("BOOSTER"))
                .body("prompts.BEGINNER.text", contains("What scared you today?"));
        // Affection rituals: romantic ones, never intense, with the "not tonight" the guide's safety asks for.
        for (String ritual : List.of("nightly-tech-free-cuddle", "hugs-that-last")) {
            alice().get("/v1/exercises/" + ritual)
                    .then()
                    .statusCode(200)
                    .body("kind", equalTo("RITUAL"))
                    .body("intense", equalTo(false))
                    .body("relationshipKinds", hasItem("ROMANTIC"))
                    .body("safetyNotes.text", hasItem(containsString("never owed")));
        }
    }

    @Test
    void filtersCombine() {
        alice().queryParam("layer", "EMPATHY")
                .queryParam("maxMinutes", 15)
                .get("/v1/exercises")
                .then()
                .statusCode(200)
                .body("items.layers", everyItem(hasItem("EMPATHY")))
                .body("items.minutes", everyItem(lessThanOrEqualTo(15)));
        alice().queryParam("relationshipKind", "FRIENDSHIP")
                .queryParam("kind", "CONVERSATION")
                .get("/v1/exercises")
                .then()
                .body("items.slug", hasItem("friends-and-family-adaptation"))
                .body("items.relationshipKinds", everyItem(hasItem("FRIENDSHIP")));
        alice().queryParam("relationshipKind", "ROMANTIC")
                .get("/v1/exercises")
                .then()
                .body("items.slug", Matchers.not(hasItem("friends-and-family-adaptation")));
        alice().queryParam("level", "advanced")
                .get("/v1/exercises")
                .then()
                .body("items.level", everyItem(equalTo("ADVANCED")));
    }

    @Test
    void pagesAreStableAndBounded() {
        var all = alice().queryParam("size", 50)
                .get("/v1/exercises")
                .then()
                .extract()
                .jsonPath();
        List<String> first = alice().queryParam("size", 10)
                .queryParam("page", 0)
                .get("/v1/exercises")
                .then()
                .body("size", equalTo(10))
                .extract()
                .jsonPath()
                .getList("items.slug");
        List<String> second = alice().queryParam("size", 10)
                .queryParam("page", 1)
                .get("/v1/exercises")
                .then()
                .extract()
                .jsonPath()
                .getList("items.slug");
        assertThat(first).doesNotContainAnyElementsOf(second);
        assertThat(all.getList("items.slug").subList(0, 20))
                .containsExactlyElementsOf(
                        Stream.concat(first.stream(), second.stream()).toList());
        assertThat(all.getInt("total")).isEqualTo(all.getList("items").size());
    }

    @Test
    void theAdvancedMaterialIsAdvancedExercisesAndEveryIntenseExerciseCarriesTheGuidesSafetyNotes() {
        for (String slug : List.of(
                "sharing-a-past-hurt",
                "weekly-hard-topic-pact",
                "rebuilding-trust-weekly",
                "honest-feedback-with-empathy")) {
            alice().get("/v1/exercises/" + slug)
                    .then()
                    .statusCode(200)
                    .body("level", equalTo("ADVANCED"))
                    .body("intense", equalTo(true))
                    .body("steps.type", hasItems("INSTRUCTION", "DEBRIEF"))
                    .body("guidance", hasItems("/v1/guidance/emotional-flooding", "/v1/guidance/when-to-seek-help"));
        }
        alice().get("/v1/exercises/rebuilding-trust-weekly").then().body("safetyNotes.topic", hasItem("OUTSIDE_HELP"));
        List<String> intense = alice().queryParam("size", 50)
                .get("/v1/exercises")
                .then()
                .extract()
                .jsonPath()
                .getList("items.findAll { it.intense }.slug");
        assertThat(intense)
                .contains(
                        "radical-vulnerability",
                        "thirty-six-questions-rewired",
                        "conflict-check-in",
                        "no-judgment-zone",
                        "shared-discomfort-physical",
                        "sharing-a-past-hurt");
        for (String slug : intense) {
            List<String> topics = alice().get("/v1/exercises/" + slug)
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("safetyNotes.topic");
            assertThat(topics)
                    .as(slug)
                    .contains("PAUSE_WORD", "FLOODING", "I_STATEMENTS", "HONESTY_WITH_EMPATHY")
                    .doesNotHaveDuplicates();
        }
        List<String> gentle = alice().queryParam("size", 50)
                .get("/v1/exercises")
                .then()
                .extract()
                .jsonPath()
                .getList("items.findAll { !it.intense }.level");
        assertThat(gentle).doesNotContain("ADVANCED");
    }

    @Test
    void theLongDistanceRitualsCanBeFound() {
        alice().queryParam("longDistance", true)
                .get("/v1/exercises")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body(
                        "items.slug",
                        hasItems("long-distance-same-book", "long-distance-voice-notes", "long-distance-milestones"))
                .body("items.kind", everyItem(equalTo("RITUAL")));
        alice().queryParam("longDistance", false)
                .queryParam("size", 50)
                .get("/v1/exercises")
                .then()
                .body("items.longDistance", everyItem(equalTo(false)));
    }

    @Test
    void contentCarriesItsLocale() {
        alice().queryParam("size", 50).get("/v1/exercises").then().body("items.locale", everyItem(equalTo("en")));
        alice().header("Accept-Language", "fr-FR, fr;q=0.9")
                .get("/v1/exercises/silent-walk")
                .then()
                .header("Content-Language", "en")
                .body("locale", equalTo("en"));
    }

    @Test
    void theGuidesExplanatoryMaterialIsServedWithItsTablesFiguresAndSources() {
        alice().get("/v1/guidance/what-emotional-intimacy-is")
                .then()
                .statusCode(200)
                .body("blocks.text", hasItem(containsString("not code for sex")))
                .body(
                        "blocks.findAll { it.kind == 'DEFINITION' }.text",
                        hasItems(
                                startsWith("Emotional intimacy:"),
                                startsWith("Physical intimacy:"),
                                startsWith("Intellectual intimacy:")));
        var screen = alice().get("/v1/guidance/screen-time-and-intimacy")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(screen.getList("blocks.find { it.kind == 'TABLE_HEADER' }.cells"))
                .containsExactly("Device usage (per day)", "% reporting high intimacy", "% reporting low satisfaction");
        assertThat(screen.<List<String>>getList("blocks.findAll { it.kind == 'TABLE_ROW' }.cells"))
                .containsExactly(
                        List.of("<1 hour", "68%", "14%"),
                        List.of("1-3 hours", "50%", "28%"),
                        List.of(">3 hours", "29%", "46%"));
        assertThat(screen.getString("blocks.find { it.kind == 'SOURCE' }.text"))
                .startsWith("Original analysis based on AARP, 2024, Gottman Institute/Pew, 2025");
        assertThat(screen.getString("blocks.find { it.kind == 'TABLE_ROW' }.text"))
                .isEqualTo("<1 hour | 68% | 14%");
        // Every table the guide publishes comes with its caption and its source.
        for (String slug : List.of(
                "how-intimacy-changed", "biology-of-trust", "screen-time-and-intimacy", "digital-detox-results")) {
            List<String> kinds = alice().get("/v1/guidance/" + slug)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("blocks.kind");
            assertThat(kinds).as(slug).contains("TABLE_HEADER", "TABLE_ROW", "CAPTION", "SOURCE");
        }
        alice().get("/v1/guidance/biology-of-trust")
                .then()
                .body("blocks.findAll { it.kind == 'TABLE_ROW' }.text", hasItem(containsString("22% higher trust")));
        alice().get("/v1/guidance/attachment-styles")
                .then()
                .body(
                        "blocks.findAll { it.kind == 'DEFINITION' }.text",
                        hasItems(startsWith("Secure:"), startsWith("Anxious:"), startsWith("Avoidant:")))
                .body("blocks.find { it.kind == 'QUOTE' }.text", containsString("cheat code"));
        alice().get("/v1/guidance/resilience")
                .then()
                .body("blocks.findAll { it.kind == 'ITEM' }.text", hasItem("Cultivate diverse support networks"));
    }

    @Test
    void theDarkSideAndWhereToGetHelpAreGuidanceTheAppCanShow() {
        alice().get("/v1/guidance")
                .then()
                .statusCode(200)
                .header("Content-Language", "en")
                .body(
                        "items.slug",
                        hasItems(
                                "emotional-flooding",
                                "dependency-or-interdependence",
                                "honesty-with-empathy",
                                "when-to-seek-help"));
        alice().get("/v1/guidance/dependency-or-interdependence")
                .then()
                .statusCode(200)
                .body(
                        "blocks.findAll { it.kind == 'ITEM' }.text",
                        hasItems(
                                "Feeling panicked when apart",
                                "Not being able to make decisions on your own",
                                "Neglecting friendships",
                                "Constantly seeking reassurance"));
        alice().get("/v1/guidance/when-to-seek-help")
                .then()
                .statusCode(200)
                .body(
                        "blocks.text",
                        hasItems(
                                "Conflict that keeps coming back",
                                "Trauma, from this relationship or an earlier one",
                                "Emotional shutdown: one or both of you going numb or silent"));
        alice().get("/v1/guidance/emotional-flooding")
                .then()
                .body("blocks.findAll { it.kind == 'DEFINITION' }.text", hasItem(containsString("Emotional flooding")));
        // No translation yet: the English text, saying so; a header that cannot be parsed changes nothing.
        alice().header("Accept-Language", "de-CH, de;q=0.8")
                .get("/v1/guidance/when-to-seek-help")
                .then()
                .statusCode(200)
                .header("Content-Language", "en");
        alice().header("Accept-Language", ";;;q=x")
                .get("/v1/guidance")
                .then()
                .statusCode(200)
                .header("Content-Language", "en");
        alice().get("/v1/guidance/no-such-article").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/guidance").then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "layer,INTIMACY",
        "kind,GAME",
        "level,EXPERT",
        "maxMinutes,-5",
        "maxMinutes,soon",
        "relationshipKind,COLLEAGUE",
        "size,51",
        "size,0",
        "page,-1",
        "longDistance,maybe"
    })
    void badFiltersAreBadRequests(String param, String value) {
        alice().queryParam(param, value)
                .get("/v1/exercises")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(param));
    }

    @Test
    void anUnknownExerciseIsNotFound() {
        alice().get("/v1/exercises/no-such-exercise").then().statusCode(404).contentType("application/problem+json");
    }
}
