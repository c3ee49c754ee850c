package app.hearth.platform.messaging;

import app.hearth.events.EventEnvelope;
import app.hearth.events.EventType;
import java.util.Set;

/**
 * One of the service's Kafka consumers, as a bean: its inbox name, the topics it reads and how it applies an event.
 * The live {@code @Incoming} methods and the dead-letter replay both go through it.
 */
public interface EventConsumer {

    /** The inbox consumer name (events it applied are recorded under it). */
    String name();

    Set<String> topics();

    /** The event types it applies (each on one of its topics: checked at start-up by {@link EventConsumersCheck}). */
    Set<EventType<?>> handledTypes();

    /** Applies an event inside the inbox's transaction. */
    void apply(EventEnvelope event);
}
