package app.hearth.couple.service;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Invitation codes people read aloud or type: ten symbols of Crockford's base32 (no I, L, O or U, so nothing looks
 * alike), shown as {@code XXXXX-XXXXX}. 50 bits of entropy: with at most a handful of failed tries per hour per
 * person, guessing a live code is hopeless. Input is forgiving: case, spaces and dashes are ignored, and the look-alikes
 * O, I and L read as 0, 1 and 1.
 */
public final class InvitationCodes {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationCodes() {}

    /** A new code in its stored (normalised) form. */
    public static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** How a code is shown to people. */
    public static String display(String normalised) {
        return normalised.substring(0, 5) + "-" + normalised.substring(5);
    }

    /** The stored form of what someone typed, or empty when it cannot be a code. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase().toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char mapped = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(mapped) < 0) {
                return Optional.empty();
            }
            code.append(mapped);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }
}
