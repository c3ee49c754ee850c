package app.hearth.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a consumer does with each event type it applies, registered against the catalogue's constants
 * ({@code on(ExerciseEvents.CHECK_IN_COMPLETED, this::completed)}) instead of {@code case} labels that copy the type's
 * string: find-usages of a type reaches its handlers, and a type that is not in {@link EventCatalogue} cannot be
 * registered. Types without a handler are not this consumer's business and are skipped.
 */
public final class EventHandlers {

    /** A handler that also needs the envelope (its time, its subject). */
    @FunctionalInterface
    public interface WithEnvelope<T> {
        void handle(T data, EventEnvelope event);
    }

    private final Map<String, Consumer<EventEnvelope>> byType = new LinkedHashMap<>();
    private final Map<String, EventType<?>> types = new LinkedHashMap<>();

    /** Handles {@code type}'s data. */
    public <T> EventHandlers on(EventType<T> type, Consumer<T> handler) {
        return register(type, event -> handler.accept(event.dataAs(type)));
    }

    /** Handles {@code type}'s data with its envelope. */
    public <T> EventHandlers onWithEnvelope(EventType<T> type, WithEnvelope<T> handler) {
        return register(type, event -> handler.handle(event.dataAs(type), event));
    }

    private EventHandlers register(EventType<?> type, Consumer<EventEnvelope> handler) {
        if (EventCatalogue.byType(type.type()).filter(type::equals).isEmpty()) {
            throw new IllegalArgumentException(type.type() + " is not a type of the event catalogue");
        }
        if (byType.putIfAbsent(type.type(), handler) != null) {
            throw new IllegalArgumentException(type.type() + " has a handler already");
        }
        types.put(type.type(), type);
        return this;
    }

    /** Applies the event's handler; false when this consumer has none for its type. */
    public boolean apply(EventEnvelope event) {
        Consumer<EventEnvelope> handler = byType.get(event.type());
        if (handler == null) {
            return false;
        }
        handler.accept(event);
        return true;
    }

    /** The types handled, in registration order. */
    public Set<EventType<?>> types() {
        return Set.copyOf(types.values());
    }
}
