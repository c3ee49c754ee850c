package app.hearth.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    /** What a cluster sets (Strimzi SCRAM over TLS): every client Hearth creates itself must carry it. */
    private static final Map<String, Object> CLUSTER = Map.of(
            "bootstrap.servers", "hearth-kafka-bootstrap:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", "/etc/kafka-ca/ca.crt",
            "group.id", "exercise-service",
            "health-enabled", "false");

    @Test
    void aProducerCarriesTheSecuritySettingsAndOnlyProducerSettings() {
        Map<String, Object> producer = KafkaClientConfig.producer(CLUSTER, Map.of("acks", "all"));
        assertThat(producer)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKeys("sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.type", "bootstrap.servers")
                .containsEntry("acks", "all")
                .doesNotContainKeys("group.id", "health-enabled");
    }

    @Test
    void aGroupLessConsumerCarriesThemTooAndJoinsNoGroup() {
        Map<String, Object> consumer = KafkaClientConfig.groupLessConsumer(CLUSTER);
        assertThat(consumer)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsKeys("sasl.jaas.config")
                .doesNotContainKey("group.id")
                .containsEntry("enable.auto.commit", "false");
    }
}
