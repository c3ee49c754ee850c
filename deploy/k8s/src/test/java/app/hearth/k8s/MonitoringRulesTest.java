package app.hearth.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules as Prometheus would load them, tested with promtool on synthetic series
 * (monitoring-tests/alerts-test.yaml): each alert fires when it should and not before, the first dead letter included.
 */
class MonitoringRulesTest {

    @Test
    void theAlertsFireOnSyntheticSeriesAsTheirTestsSay() throws Exception {
        Path dir = Manifests.K8S.resolve("target/monitoring-tests");
        Files.createDirectories(dir);
        JsonNode rule = Manifests.named("prod", "PrometheusRule", "hearth-alerts");
        Files.writeString(dir.resolve("rules.yaml"), Manifests.YAML.writeValueAsString(rule.path("spec")));
        Files.copy(
                Manifests.K8S.resolve("monitoring-tests/alerts-test.yaml"),
                dir.resolve("alerts-test.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(promtool(dir, "check", "rules", "rules.yaml")).contains("SUCCESS");
        assertThat(promtool(dir, "test", "rules", "alerts-test.yaml")).contains("SUCCESS");
    }

    @Test
    void everyAlertHasASeverityAndASummaryAndIsTested() throws IOException {
        JsonNode rule = Manifests.named("prod", "PrometheusRule", "hearth-alerts");
        String tests = Manifests.read(Manifests.K8S.resolve("monitoring-tests/alerts-test.yaml"));
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode alert : group.path("rules")) {
                String name = alert.path("alert").asText();
                assertThat(alert.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
                assertThat(alert.at("/annotations/summary").asText()).as(name).isNotBlank();
                if (List.of(
                                "HearthDeadLetters",
                                "HearthPersonKeyForged",
                                "HearthOutboxBacklogAge",
                                "HearthKafkaOfflinePartitions",
                                "HearthKeycloakDown",
                                "HearthOOMKilled",
                                "HearthPostgresConnectionsNearMax")
                        .contains(name)) {
                    assertThat(tests).as(name + " has a promtool test").contains("alertname: " + name);
                }
            }
        }
    }

    private static String promtool(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "promtool must be on the PATH (Debian's prometheus package; .ci/run installs it)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void everyAlertHasARunbookEntry() throws IOException {
        String runbooks = Manifests.read(Manifests.ROOT.resolve("docs/runbooks.md"));
        JsonNode rule = Manifests.named("prod", "PrometheusRule", "hearth-alerts");
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode alert : group.path("rules")) {
                assertThat(runbooks)
                        .as(
                                "docs/runbooks.md says what to do when %s fires",
                                alert.path("alert").asText())
                        .contains("| `" + alert.path("alert").asText() + "` |");
            }
        }
    }
}
