package app.hearth.exercise.service;

import app.hearth.exercise.Guidance;
import app.hearth.exercise.GuidanceBlock;
import app.hearth.platform.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Guidance articles, in the best language there is for the caller (English when there is no translation). */
@ApplicationScoped
public class GuidanceService {
    static final String FALLBACK = "en";

    /** {@code cells}: a table row's cells, in order (null for other blocks); {@code text} is always readable as is. */
    public record Block(
            GuidanceBlock.Kind kind,
            String text,

            @Schema(nullable = true, description = "TABLE_HEADER and TABLE_ROW: the row's cells, in column order.")
            List<String> cells) {}

    public record Article(String slug, String title, String summary, String locale, List<Block> blocks) {}

    /** The first language of {@code Accept-Language} that has guidance; English otherwise (a bad header too). */
    @Transactional
    public String locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return FALLBACK;
        }
        List<String> available = locales();
        try {
            String match = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), available);
            return match == null ? FALLBACK : match;
        } catch (IllegalArgumentException e) {
            return FALLBACK;
        }
    }

    private volatile List<String> locales;

    /** The languages guidance is written in: seeded by migrations, so read once. */
    private List<String> locales() {
        List<String> known = locales;
        if (known == null) {
            known = Guidance.getEntityManager()
                    .createQuery("select distinct g.locale from Guidance g", String.class)
                    .getResultList();
            locales = known;
        }
        return known;
    }

    @Transactional
    public List<Guidance> list(String locale) {
        return Guidance.list("locale = ?1 order by position", locale);
    }

    @Transactional
    public Article article(String slug, String locale) {
        Guidance article = Guidance.findById(new Guidance.Key(slug, locale));
        if (article == null) {
            article = Guidance.findById(new Guidance.Key(slug, FALLBACK));
        }
        if (article == null) {
            throw ApiException.notFound("There is no guidance '" + slug + "'.");
        }
        List<Block> blocks =
                GuidanceBlock.<GuidanceBlock>list("slug = ?1 and locale = ?2 order by position", slug, article.locale)
                        .stream()
                        .map(b -> new Block(b.kind, b.plainText(), b.cells()))
                        .toList();
        return new Article(article.slug, article.title, article.summary, article.locale, blocks);
    }
}
