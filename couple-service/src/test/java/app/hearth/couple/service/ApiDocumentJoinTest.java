package app.hearth.couple.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiDocumentJoinTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode INFO = JSON.createObjectNode().put("title", "Hearth API");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static final String PROBLEM = "'Problem': {'type': 'object'}";

    @Test
    void joinsPublicOperationsAndLeavesInternalOnesAndTheirComponentsOut() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put(
                "couple-service",
                json("{'openapi': '3.1.0', 'tags': [{'name': 'Profile'}],"
                        + "'paths': {'/v1/me/export': {'get': {'tags': ['Profile'], 'responses': {'200': {'$ref': "
                        + "'#/components/responses/Export'}}}}},"
                        + "'components': {'responses': {'Export': {'description': 'x', 'content': {'application/json': "
                        + "{'schema': {'$ref': '#/components/schemas/Problem'}}}}}, 'schemas': {" + PROBLEM + "},"
                        + "'securitySchemes': {'hearth-people': {'type': 'oauth2'}}}}"));
        documents.put(
                "exercise-service",
                json("{'openapi': '3.1.0', 'tags': [{'name': 'Data export'}, "
                        + "{'name': 'Exercises'}],"
                        + "'paths': {'/v1/me/export': {'get': {'x-internal': 'true', 'tags': ['Data export'], "
                        + "'responses': {'200': {'content': {'application/json': {'schema': {'$ref': "
                        + "'#/components/schemas/ExerciseExport'}}}}}}},"
                        + "'/v1/exercises': {'get': {'tags': ['Exercises'], 'responses': {}}}},"
                        + "'components': {'schemas': {" + PROBLEM + ", 'ExerciseExport': {'type': 'object'}},"
                        + "'securitySchemes': {'hearth-people': {'type': 'oauth2'}}}}"));

        JsonNode joined = ApiDocumentJoin.join(INFO, documents);

        assertThat(joined.at("/info/title").asText()).isEqualTo("Hearth API");
        assertThat(joined.at("/paths/~1v1~1me~1export/get/tags/0").asText()).isEqualTo("Profile");
        assertThat(joined.at("/paths/~1v1~1exercises/get").isObject()).isTrue();
        assertThat(joined.at("/components/schemas").fieldNames()).toIterable().containsExactly("Problem");
        assertThat(joined.at("/components/securitySchemes/hearth-people").isObject())
                .isTrue();
        assertThat(joined.findValues("name")).extracting(JsonNode::asText).containsExactly("Profile", "Exercises");
    }

    @Test
    void typesAPropertyWithAnotherServicesAnswerEvenAnInternalOne() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put(
                "couple-service",
                json("{'paths': {'/v1/me/export': {'get': {'responses': {'200': {'content': "
                        + "{'application/json': {'schema': {'$ref': '#/components/schemas/Export'}}}}}}}},"
                        + "'components': {'schemas': {'Export': {'type': 'object', 'properties': {'exercise-service': "
                        + "{'description': 'Its part.', 'x-answer-of': 'exportMyExerciseData', 'anyOf': [{'$ref': "
                        + "'#/components/schemas/Part'}, {'type': 'null'}]}}}, 'Part': {'type': 'object'}}}}"));
        documents.put(
                "exercise-service",
                json("{'paths': {'/v1/me/export': {'get': {'x-internal': 'true', "
                        + "'operationId': 'exportMyExerciseData', 'responses': {'200': {'content': {'application/json': "
                        + "{'schema': {'$ref': '#/components/schemas/ExercisePart'}}}}}}}},"
                        + "'components': {'schemas': {'ExercisePart': {'type': 'object', 'properties': {'checkIns': "
                        + "{'type': 'array'}}}}}}"));

        JsonNode joined = ApiDocumentJoin.join(INFO, documents);

        assertThat(joined.at("/components/schemas/Export/properties/exercise-service"))
                .isEqualTo(json("{'description': 'Its part.', 'anyOf': [{'$ref': '#/components/schemas/ExercisePart'},"
                        + " {'type': 'null'}]}"));
        assertThat(joined.at("/components/schemas").fieldNames())
                .toIterable()
                .containsExactly("Export", "ExercisePart");
    }

    @Test
    void refusesTheSameOperationInTwoDocuments() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("couple-service", json("{'paths': {'/v1/me/export': {'get': {'responses': {}}}}}"));
        documents.put("exercise-service", json("{'paths': {'/v1/me/export': {'get': {'responses': {}}}}}"));
        assertThatThrownBy(() -> ApiDocumentJoin.join(INFO, documents))
                .isInstanceOf(ApiDocumentJoin.ClashException.class)
                .hasMessage("GET /v1/me/export is served by both couple-service and exercise-service");
    }

    @Test
    void refusesOneComponentNameWithTwoMeanings() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("couple-service", json("{'components': {'schemas': {'Problem': {'type': 'object'}}}}"));
        documents.put("insights-service", json("{'components': {'schemas': {'Problem': {'type': 'string'}}}}"));
        assertThatThrownBy(() -> ApiDocumentJoin.join(INFO, documents))
                .isInstanceOf(ApiDocumentJoin.ClashException.class)
                .hasMessage("components.schemas.Problem differs between couple-service and insights-service");
    }
}
