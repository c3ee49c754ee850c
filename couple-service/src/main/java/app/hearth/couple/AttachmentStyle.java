package app.hearth.couple;

/** A person's self-assessed attachment style (optional; shown to a partner only if they choose to share it). */
public enum AttachmentStyle {
    SECURE,
    ANXIOUS,
    AVOIDANT,
    UNSURE
}
