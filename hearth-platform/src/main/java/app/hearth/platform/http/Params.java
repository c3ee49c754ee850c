package app.hearth.platform.http;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Query parameters read by hand, because JAX-RS answers a query parameter it cannot convert with 404. Here a bad
 * value is a 400 that names the parameter and what it accepts.
 */
public final class Params {

    private Params() {}

    public static <E extends Enum<E>> Optional<E> enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.trim().toUpperCase()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + ": '" + value + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
        }
    }

    public static Optional<Integer> intValue(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": '" + value + "' is not a whole number.");
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest(name + ": " + parsed + " is out of range; use " + min + " to " + max + ".");
        }
        return Optional.of(parsed);
    }

    public static Optional<Boolean> booleanValue(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw ApiException.badRequest(name + ": '" + value + "' is not true or false.");
        };
    }
}
