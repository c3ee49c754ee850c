package app.hearth.exercise;

public enum Level {
    BEGINNER,
    INTERMEDIATE,
    ADVANCED
}
