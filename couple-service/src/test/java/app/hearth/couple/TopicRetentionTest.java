package app.hearth.couple;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.testsupport.TestInfrastructure;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Every topic's retention is set on purpose, and dead letters are kept for a bounded time. */
class TopicRetentionTest {

    @Test
    void everyTopicHasAnExplicitRetentionAndDeadLettersAreBounded() throws Exception {
        TestInfrastructure.ensureRunning();
        Properties topics = new Properties();
        try (InputStream in = Files.newInputStream(
                TestInfrastructure.projectRoot().resolve("local-stack/src/main/resources/topics.properties"))) {
            topics.load(in);
        }
        assertThat(topics.stringPropertyNames())
                .contains(
                        "partner-events",
                        "couple-events",
                        "exercise-events",
                        "reminder-events",
                        "exercise-service.dlq",
                        "reminder-service.dlq",
                        "insights-service.dlq",
                        "hearth-person-keys.couple-service",
                        "hearth-person-keys.exercise-service");
        List<ConfigResource> resources = topics.stringPropertyNames().stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.KAFKA_BOOTSTRAP))) {
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
            for (String topic : topics.stringPropertyNames()) {
                Map<String, String> declared = new HashMap<>();
                for (String part : topics.getProperty(topic).split("\\s*,\\s*")) {
                    if (part.contains("=")) {
                        declared.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
                    }
                }
                assertThat(declared).as(topic).containsKeys("retention.ms", "cleanup.policy");
                Config onBroker = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                declared.forEach((key, value) -> assertThat(onBroker.get(key).value())
                        .as(topic + " " + key)
                        .isEqualTo(value));
                long ms = Long.parseLong(declared.get("retention.ms"));
                if (declared.get("cleanup.policy").equals("delete")) {
                    assertThat(ms).as(topic).isPositive();
                } else {
                    // The key topic: compacted, so a destroyed key's tombstone wins soon and is then gone too.
                    assertThat(Long.parseLong(declared.get("delete.retention.ms")))
                            .as(topic)
                            .isLessThanOrEqualTo(TimeUnit.DAYS.toMillis(1));
                }
                if (topic.endsWith(".dlq")) {
                    assertThat(ms).as(topic).isLessThanOrEqualTo(TimeUnit.DAYS.toMillis(30));
                }
            }
        }
    }
}
