package app.hearth.events;

/** The Kafka topics of Hearth. Domain topics are keyed by couple id; {@link #PARTNER_EVENTS} by partner id. */
public final class Topics {
    public static final String PARTNER_EVENTS = "partner-events";
    public static final String COUPLE_EVENTS = "couple-events";
    public static final String EXERCISE_EVENTS = "exercise-events";
    public static final String REMINDER_EVENTS = "reminder-events";
    /** Probe events: the smoke tests send them through a service's outbox to prove the path to the broker. */
    public static final String PROBE = "hearth-probe";

    private Topics() {}

    /**
     * The CloudEvents {@code source} of the only service that may publish on a domain topic (null for other topics).
     * Consumers dead-letter anything else; in a cluster, Kafka ACLs enforce the same (each service writes only its
     * own topics).
     */
    public static String owner(String topic) {
        return switch (topic) {
            case PARTNER_EVENTS, COUPLE_EVENTS -> "/couple-service";
            case EXERCISE_EVENTS -> "/exercise-service";
            case REMINDER_EVENTS -> "/reminder-service";
            default -> null;
        };
    }

    /**
     * The compacted topic of the data keys {@code writer} seals its events' personal fields with: only that service
     * writes it (Kafka ACLs in a cluster), every service reads it. See {@link PersonalFields#keyWriters()}.
     */
    public static String personKeys(String writer) {
        return "hearth-person-keys." + writer;
    }

    /** The dead-letter topic of a consuming service. */
    public static String deadLetter(String service) {
        return service + ".dlq";
    }
}
