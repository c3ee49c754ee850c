package app.hearth.exercise;

/** What a step asks of the partners. */
public enum StepType {
    /** Read and do; nothing to record. */
    INSTRUCTION,
    /** Choose or receive the prompt to talk about. */
    PROMPT,
    /** Each partner responds; answers stay hidden until both have answered. */
    SHARE,
    /** Each partner sums up what they heard. */
    REFLECT_BACK,
    DEBRIEF,
    /** One day of a plan, checked off by either partner. */
    DAY
    // Questions, checklist items and quiz statements are prompts (ExercisePrompt), answered one by one.
}
