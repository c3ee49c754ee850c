package app.hearth.events;

/**
 * One kind of event: its CloudEvents {@code type} (with a version, e.g. {@code hearth.couple.formed.v1}), the topic it
 * travels on, the record that carries its data, and the JSON Schema of that data ({@code schemas/<type>.json}).
 * Types evolve only by adding optional fields; an incompatible change is a new type with the next version.
 */
public record EventType<T>(String type, String topic, Class<T> dataClass) {

    public String schemaResource() {
        return "schemas/" + type + ".json";
    }
}
