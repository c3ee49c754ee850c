package app.hearth.platform.http;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The answer for a page: the page as the body and RFC 8288 {@code Link} headers ({@code first}, {@code prev},
 * {@code next}, {@code last}) with the request's own path and query, only {@code page} changed. The links are
 * relative to the request (path and query, no host), so they hold behind the public entry point.
 */
public final class PageLinks {

    private PageLinks() {}

    public static <T> RestResponse<PageOf<T>> answer(PageOf<T> page, UriInfo uri) {
        return builder(page, uri).build();
    }

    /** The answer still open for more headers (Content-Language, say). */
    public static <T> RestResponse.ResponseBuilder<PageOf<T>> builder(PageOf<T> page, UriInfo uri) {
        int last = page.total() == 0 ? 0 : (int) Math.min(PageRequest.MAX_PAGE, (page.total() - 1) / page.size());
        List<Link> links = new ArrayList<>();
        links.add(link(uri, page, 0, "first"));
        if (page.page() > 0) {
            links.add(link(uri, page, Math.min(page.page() - 1, last), "prev"));
        }
        if (page.page() < last) {
            links.add(link(uri, page, page.page() + 1, "next"));
        }
        links.add(link(uri, page, last, "last"));
        return RestResponse.ResponseBuilder.ok(page).links(links.toArray(Link[]::new));
    }

    private static Link link(UriInfo uri, PageOf<?> page, int number, String rel) {
        URI target = uri.getRequestUriBuilder()
                .replaceQueryParam("page", number)
                .replaceQueryParam("size", page.size())
                .build();
        String relative = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return Link.fromUri(URI.create(relative)).rel(rel).build();
    }
}
