package app.hearth.platform.http;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the shape every list endpoint answers with (docs/api-guidelines.md, "Paging"), with
 * {@code Link} headers to the others ({@link PageLinks}). {@code total} counts every item across pages. Not named
 * {@code Page}, which is Panache's page request; in the API documents its schemas are {@code PageOf<Item>}.
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {

    /** A page cut from a list that is small and bounded (a person's couples, a couple's grants): counted exactly. */
    public static <T> PageOf<T> of(List<T> all, PageRequest request) {
        int from = (int) Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.size());
        return new PageOf<>(List.copyOf(all.subList(from, to)), request.page(), request.size(), all.size());
    }

    public <R> PageOf<R> map(Function<? super T, ? extends R> view) {
        return new PageOf<>(items.stream().<R>map(view).toList(), page, size, total);
    }
}
