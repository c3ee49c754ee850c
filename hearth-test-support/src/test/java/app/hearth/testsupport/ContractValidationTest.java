package app.hearth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** What the contract check finds, on a small document: each kind of drift it exists to catch, and no false alarm. */
class ContractValidationTest {

    private static final String OPENAPI = """
            {"openapi": "3.1.0",
             "paths": {
               "/v1/things/{id}": {"get": {"responses": {
                 "200": {"description": "ok", "headers": {"ETag": {"schema": {"type": "string"}}},
                         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                 "404": {"$ref": "#/components/responses/NotFound"}}}},
               "/v1/things/mine": {"get": {"responses": {
                 "204": {"description": "nothing"}}}}},
             "components": {
               "responses": {"NotFound": {"description": "no", "content": {"application/problem+json":
                 {"schema": {"type": "object", "properties": {"status": {"type": "integer"}}, "required": ["status"]}}}}},
               "schemas": {"Thing": {"type": "object",
                 "properties": {"id": {"type": "string", "format": "uuid"}, "note": {"type": ["string", "null"]}},
                 "required": ["id", "note"]}}}}
            """;

    private final ContractValidation.Document document;

    ContractValidationTest() throws Exception {
        document = new ContractValidation.Document(new ObjectMapper().readTree(OPENAPI));
    }

    private static Response answer(int status, String contentType, String body, String... headers) {
        ResponseBuilder builder = new ResponseBuilder().setStatusCode(status).setBody(body);
        if (contentType != null) {
            builder.setContentType(contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private static final String ID = "3f0c1a9e-5d1b-4a7e-9c2f-0b6d8e4a1c55";

    @Test
    void anAnswerAsDocumentedPasses() {
        assertThat(document.check(
                        "GET",
                        "/v1/things/" + ID,
                        answer(200, "application/json", "{\"id\":\"" + ID + "\",\"note\":null}", "ETag", "\"1\"")))
                .isEmpty();
        assertThat(document.check(
                        "GET", "/v1/things/" + ID, answer(404, "application/problem+json", "{\"status\":404}")))
                .isEmpty();
        assertThat(document.check("GET", "/v1/things/mine", answer(204, null, "")))
                .isEmpty();
    }

    @Test
    void aNullWhereNoneIsDeclaredAMissingFieldAndAnUnnamedFieldAreDrift() {
        assertThat(document.check(
                        "GET", "/v1/things/" + ID, answer(200, "application/json", "{\"id\":null,\"note\":null}")))
                .singleElement()
                .asString()
                .contains("id");
        assertThat(document.check(
                        "GET", "/v1/things/" + ID, answer(200, "application/json", "{\"id\":\"" + ID + "\"}")))
                .singleElement()
                .asString()
                .contains("note");
        assertThat(document.check(
                        "GET",
                        "/v1/things/" + ID,
                        answer(200, "application/json", "{\"id\":\"" + ID + "\",\"note\":null,\"secret\":1}")))
                .singleElement()
                .asString()
                .contains("secret");
    }

    @Test
    void anUndocumentedStatusHeaderOrMediaTypeIsDrift() {
        assertThat(document.check("GET", "/v1/things/" + ID, answer(500, "application/problem+json", "{}")))
                .singleElement()
                .asString()
                .contains("status 500 is not documented");
        assertThat(document.check(
                        "GET",
                        "/v1/things/" + ID,
                        answer(404, "application/problem+json", "{\"status\":404}", "Retry-After", "5")))
                .singleElement()
                .asString()
                .contains("Retry-After");
        assertThat(document.check("GET", "/v1/things/" + ID, answer(404, "text/html", "<p>no</p>")))
                .singleElement()
                .asString()
                .contains("text/html");
    }

    @Test
    void aLiteralSegmentIsMatchedBeforeAParameter() {
        // /v1/things/mine is its own operation: its 204 is documented there, not under /v1/things/{id}.
        assertThat(document.check("GET", "/v1/things/mine", answer(204, null, "")))
                .isEmpty();
        assertThat(document.check("GET", "/v1/things/mine", answer(200, "application/json", "{}")))
                .singleElement()
                .asString()
                .contains("status 200");
    }

    @Test
    void pathsNoOperationDocumentsAreNotJudged() {
        assertThat(document.check("GET", "/v1/unknown", answer(404, "text/plain", "no")))
                .isEmpty();
    }
}
