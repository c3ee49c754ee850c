package app.hearth.platform.messaging;

/**
 * A record that can never apply, however often it is retried: not a Hearth event, data that fails its schema, or a
 * type (or type version) this service does not know. The only failure that goes to the dead-letter topic.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }
}
