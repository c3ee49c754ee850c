package app.hearth.exercise;

/** The guide's five layers of emotional intimacy, in the order they usually build (a spiral, not a ladder). */
public enum Layer {
    SAFETY,
    OPENNESS,
    EMPATHY,
    SHARED_GROWTH,
    INTERDEPENDENCE
}
