package app.hearth.exercise;

public enum ExerciseKind {
    CONVERSATION,
    RITUAL,
    CHALLENGE,
    PLAN,
    BOOSTER,
    ASSESSMENT,
    QUIZ,
    CHECKLIST
}
