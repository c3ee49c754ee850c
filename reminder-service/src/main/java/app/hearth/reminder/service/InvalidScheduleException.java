package app.hearth.reminder.service;

/** A recurrence a person asked for that Hearth will not schedule; the message says why and what works. */
public class InvalidScheduleException extends RuntimeException {
    public InvalidScheduleException(String message) {
        super(message);
    }
}
