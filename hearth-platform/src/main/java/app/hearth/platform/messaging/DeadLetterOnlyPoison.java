package app.hearth.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The failure strategy of every Hearth channel ({@code failure-strategy=hearth-dead-letter}): a poison record goes to
 * the service's dead-letter topic (through the connector's own dead-letter handler, with its headers) and is counted
 * in {@code hearth_dead_letters_total}; any other failure (only possible while the service stops, since
 * {@link InboxProcessor} retries everything else) is left unacknowledged, so the record is read again after restart.
 */
@ApplicationScoped
@Identifier(DeadLetterOnlyPoison.NAME)
public class DeadLetterOnlyPoison implements KafkaFailureHandler.Factory {
    public static final String NAME = "hearth-dead-letter";
    private static final Logger LOG = Logger.getLogger(DeadLetterOnlyPoison.class);

    @Inject
    @Any
    Instance<KafkaFailureHandler.Factory> factories;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Override
    public KafkaFailureHandler create(
            KafkaConnectorIncomingConfiguration config,
            Vertx vertx,
            KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        // At 0 from start-up for every topic this channel reads: the alert looks at its increase, and a series born at
        // the first dead letter would never show one.
        metrics.counter(
                "hearth.dead.letters",
                "service",
                service,
                "topic",
                config.getTopic().orElse(config.getChannel()));
        KafkaFailureHandler deadLetters = factories
                .select(Identifier.Literal.of(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE))
                .get()
                .create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (reason instanceof PoisonEventException) {
                    LOG.warnf(
                            "%s-%d@%d can never apply, dead-lettered: %s",
                            record.getTopic(), record.getPartition(), record.getOffset(), reason.getMessage());
                    return deadLetters
                            .handle(record, reason, metadata)
                            .invoke(() -> metrics.counter(
                                            "hearth.dead.letters", "service", service, "topic", record.getTopic())
                                    .increment());
                }
                LOG.infof(
                        "%s-%d@%d not acknowledged (%s): it is read again after restart",
                        record.getTopic(), record.getPartition(), record.getOffset(), reason.toString());
                return Uni.createFrom().voidItem();
            }

            @Override
            public void terminate() {
                deadLetters.terminate();
            }
        };
    }
}
