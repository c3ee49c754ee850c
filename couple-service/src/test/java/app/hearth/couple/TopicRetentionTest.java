package app.hearth.couple;

import app.hearth.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every topic's retention is set on purpose, and dead letters are kept for a bounded time. */
class TopicRetentionTest {

    @Test
    void everyTopicHasAnExplicitRetentionAndDeadLettersAreBounded() throws Exception {
        TestInfrastructure.ensureRunning();
        Properties topics = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("topics.properties")) {
            topics.load(in);
        }
        assertThat(topics.stringPropertyNames()).contains("partner-events", "couple-events", "exercise-events",
                "reminder-events", "exercise-service.dlq", "reminder-service.dlq", "insights-service.dlq");
        List<ConfigResource> resources = topics.stringPropertyNames().stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.KAFKA_BOOTSTRAP))) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
            for (String topic : topics.stringPropertyNames()) {
                String declared = topics.getProperty(topic);
                assertThat(declared).as(topic).contains("retention.ms=");
                String retention = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get("retention.ms").value();
                assertThat(declared).as(topic + " on the broker").contains("retention.ms=" + retention);
                long ms = Long.parseLong(retention);
                assertThat(ms).as(topic).isPositive();
                if (topic.endsWith(".dlq")) {
                    assertThat(ms).as(topic).isLessThanOrEqualTo(TimeUnit.DAYS.toMillis(30));
                }
            }
        }
    }
}
