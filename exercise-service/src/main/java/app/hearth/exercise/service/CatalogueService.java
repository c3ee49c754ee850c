package app.hearth.exercise.service;

import app.hearth.events.CoupleEvents.RelationshipKind;
import app.hearth.exercise.Exercise;
import app.hearth.exercise.ExerciseKind;
import app.hearth.exercise.Layer;
import app.hearth.exercise.Level;
import app.hearth.platform.http.ApiException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class CatalogueService {

    public record Filter(
            Optional<Layer> layer,
            Optional<ExerciseKind> kind,
            Optional<Level> level,
            Optional<Integer> maxMinutes,
            Optional<RelationshipKind> relationshipKind,
            Optional<Boolean> longDistance) {}

    public record PageOf<T>(List<T> items, int page, int size, long total) {}

    /** Exercises matching every given filter, shortest first, then by slug: a stable order for paging. */
    @Transactional
    public PageOf<Exercise> search(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter.layer().ifPresent(l -> {
            where.add(":layer member of e.layers");
            params.put("layer", l);
        });
        filter.relationshipKind().ifPresent(k -> {
            where.add(":relationshipKind member of e.relationshipKinds");
            params.put("relationshipKind", k);
        });
        filter.kind().ifPresent(k -> {
            where.add("e.kind = :kind");
            params.put("kind", k);
        });
        filter.level().ifPresent(l -> {
            where.add("e.level = :level");
            params.put("level", l);
        });
        filter.maxMinutes().ifPresent(m -> {
            where.add("e.minutes <= :maxMinutes");
            params.put("maxMinutes", m);
        });
        filter.longDistance().ifPresent(d -> {
            where.add("e.longDistance = :longDistance");
            params.put("longDistance", d);
        });
        String query = "from Exercise e" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by e.minutes, e.slug";
        PanacheQuery<Exercise> results = Exercise.find(query, params);
        long total = results.count();
        return new PageOf<>(results.page(Page.of(page, size)).list(), page, size, total);
    }

    @Transactional
    public Exercise bySlug(String slug) {
        Exercise exercise = Exercise.findById(slug);
        if (exercise == null) {
            throw ApiException.notFound("There is no exercise '" + slug + "' in the catalogue.");
        }
        return exercise;
    }
}
