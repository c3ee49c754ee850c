package app.hearth.couple;

/**
 * How many romantic relationships a person holds in Hearth at once, their own choice: the guide's changing norms
 * (polyamory, platonic life partners, friendship-based households) next to one at a time. Each relationship is its own
 * couple of two, and none of its data shows in another.
 */
public enum RomanticRelationships {
    ONE_AT_A_TIME,
    MORE_THAN_ONE
}
