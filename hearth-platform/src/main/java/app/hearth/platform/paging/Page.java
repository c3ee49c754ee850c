package app.hearth.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the shape every list endpoint answers with (docs/api-guidelines.md, "Paging"), with
 * {@code Link} headers to the others ({@link PageLinks}). {@code total} counts every item across pages.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** A page cut from a list that is small and bounded (a person's couples, a couple's grants): counted exactly. */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = (int) Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.size());
        return new Page<>(List.copyOf(all.subList(from, to)), request.page(), request.size(), all.size());
    }

    public <R> Page<R> map(Function<? super T, ? extends R> view) {
        return new Page<>(items.stream().<R>map(view).toList(), page, size, total);
    }
}
