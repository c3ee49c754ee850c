package app.hearth.couple;

/**
 * What both members agree before their first intense exercise, in the guide's words ("agree on pause words, check in
 * mid-conversation, and respect each other's pacing"; "no phone zones during arguments or promising not to weaponize
 * vulnerabilities"). Each member confirms all of them at once; intense work waits until both have.
 */
public enum SafetyAgreement {
    PAUSE_WORD(
            "We stop when either of us says our pause word, check in with each other, and respect each other's pacing."),
    NO_PHONES_DURING_HARD_TALKS("No phones during arguments and hard talks: a no-phone zone, both of us present."),
    NOTHING_USED_AGAINST_EACH_OTHER(
            "What we share is never used against each other: no weaponising the other's vulnerabilities, later or in a fight.");

    public final String text;

    SafetyAgreement(String text) {
        this.text = text;
    }
}
