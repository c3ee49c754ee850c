package app.hearth.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The public entry point sends every documented path to exactly the service that owns it. The paths come from each
 * service's OpenAPI document as its build wrote it (target/openapi), so a new endpoint without a route fails here.
 */
class RouteTableTest {

    /** Paths several services serve for each other, never through the entry point (couple-service's export is public). */
    static boolean internal(String service, String path) {
        return path.startsWith("/v1/ops/") || (path.equals("/v1/me/export") && !service.equals("couple-service"));
    }

    private record Rule(String backend, String type, String value) {
        boolean matches(String path) {
            return switch (type) {
                case "Exact" -> path.equals(value);
                // Gateway API prefixes match whole path elements: /v1/me does not match /v1/mentions.
                case "PathPrefix" -> path.equals(value) || path.startsWith(value.endsWith("/") ? value : value + "/");
                case "RegularExpression" -> Pattern.compile(value).matcher(path).matches();
                default -> throw new AssertionError("unknown path match type " + type);
            };
        }
    }

    private static List<Rule> rules() {
        JsonNode route = Manifests.named("prod", "HTTPRoute", "hearth-api");
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : route.at("/spec/rules")) {
            assertThat(rule.path("backendRefs")).as("one backend per rule").hasSize(1);
            String backend = rule.at("/backendRefs/0/name").asText();
            for (JsonNode match : rule.path("matches")) {
                assertThat(match.has("method"))
                        .as("rules route by path only: a method is never a reason to differ")
                        .isFalse();
                rules.add(new Rule(
                        backend,
                        match.at("/path/type").asText(),
                        match.at("/path/value").asText()));
            }
        }
        return rules;
    }

    private static Map<String, Set<String>> documentedPaths(String service) throws Exception {
        Path document = Manifests.ROOT.resolve(service).resolve("target/openapi/openapi.json");
        assertThat(document)
                .as("the OpenAPI document " + service + "'s build writes (build the services first)")
                .exists();
        JsonNode paths = Manifests.JSON.readTree(Files.readString(document)).path("paths");
        Map<String, Set<String>> result = new TreeMap<>();
        paths.fieldNames()
                .forEachRemaining(p -> result.put(
                        p,
                        StreamSupport.stream(((Iterable<String>) paths.get(p)::fieldNames).spliterator(), false)
                                .collect(Collectors.toSet())));
        return result;
    }

    /** A concrete path for a template: every {parameter} becomes a value of the shape real ids have. */
    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "3f0c1a9e-5d1b-4a7e-9c2f-0b6d8e4a1c55");
    }

    @Test
    void everyDocumentedPathRoutesToExactlyItsOwner() throws Exception {
        List<Rule> rules = rules();
        List<String> problems = new ArrayList<>();
        Set<Rule> used = new HashSet<>();
        int checked = 0;
        for (String service : Manifests.SERVICES) {
            for (String template : documentedPaths(service).keySet()) {
                String path = concrete(template);
                List<Rule> matching =
                        rules.stream().filter(r -> r.matches(path)).toList();
                used.addAll(matching);
                Set<String> backends =
                        matching.stream().map(Rule::backend).collect(Collectors.toCollection(TreeSet::new));
                if (internal(service, template)) {
                    if (template.startsWith("/v1/ops/") && !backends.isEmpty()) {
                        problems.add(service + " " + template + ": operations endpoint reachable from outside via "
                                + backends);
                    }
                    continue;
                }
                checked++;
                if (!backends.equals(Set.of(service))) {
                    problems.add(service + " " + template + " routes to " + backends);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(50);
        // No rule is dead weight: each one serves some documented path.
        assertThat(rules)
                .allSatisfy(rule ->
                        assertThat(used).as("a documented path uses " + rule).contains(rule));
    }

    @Test
    void nothingElseIsExposed() {
        List<Rule> rules = rules();
        for (String path : List.of(
                "/q/health/ready",
                "/q/metrics",
                "/q/openapi",
                "/v1/ops/dead-letters",
                "/v1/ops/projections/rebuild",
                "/v1/mentions",
                "/v1/couples/x/unknown",
                "/v1/couples/x/grants/y/z",
                "/v1/exercisesx",
                "/",
                "/v2/couples")) {
            assertThat(rules.stream()
                            .filter(r -> r.matches(path))
                            .map(Rule::backend)
                            .toList())
                    .as(path)
                    .isEmpty();
        }
        assertThat(rules.stream()
                        .filter(r -> r.matches("/v1/me/export"))
                        .map(Rule::backend)
                        .toList())
                .containsExactly("couple-service");
    }
}
