package app.hearth.events;

/** Events of the platform itself, not of the domain. */
public final class PlatformEvents {

    /** Sent by the smoke tests through a service's outbox to prove the whole path to the broker. */
    public record Probe(String service, String probeId) {}

    public static final EventType<Probe> PROBE = new EventType<>("hearth.platform.probe.v1", Topics.PROBE, Probe.class);

    private PlatformEvents() {}
}
