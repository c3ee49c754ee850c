package app.hearth.localstack;

/** A failure the operator can act on; its message says what to do. */
final class StackException extends RuntimeException {
    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
