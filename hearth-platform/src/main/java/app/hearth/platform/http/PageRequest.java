package app.hearth.platform.http;

/** Which page a client asked for: {@code page} from 0, {@code size} 1 to the endpoint's maximum (20 unless asked). */
public record PageRequest(int page, int size) {
    public static final int MAX_PAGE = 10_000;
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(String page, String size) {
        return of(page, size, MAX_SIZE);
    }

    public static PageRequest of(String page, String size, int maxSize) {
        return new PageRequest(
                Params.intValue("page", page, 0, MAX_PAGE).orElse(0),
                Params.intValue("size", size, 1, maxSize).orElse(Math.min(DEFAULT_SIZE, maxSize)));
    }

    public long offset() {
        return (long) page * size;
    }
}
