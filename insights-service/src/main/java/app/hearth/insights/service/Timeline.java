package app.hearth.insights.service;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The series a client charts: per period, each partner's closeness and satisfaction, check-ins and practice. */
public record Timeline(String from, String to, List<Point> points) {

    public record PartnerPoint(
            String partnerId,
            String who,
            @Schema(nullable = true) Integer closeness,
            @Schema(nullable = true) Integer satisfaction) {}

    public record Point(
            String period,
            boolean checkInComplete,
            List<PartnerPoint> partners,
            Map<String, Integer> exercisesPerLayer) {}

    public static Timeline of(CoupleFacts facts, String currentPeriod, int periods, Voice voice) {
        List<String> labels = PeriodMath.lastN(currentPeriod, periods);
        List<Point> points = new ArrayList<>();
        for (String period : labels) {
            List<PartnerPoint> partners = new ArrayList<>();
            int checkedIn = 0;
            for (String member : facts.members()) {
                Optional<CoupleFacts.Score> score = facts.scores().stream()
                        .filter(s -> s.period().equals(period) && s.partnerId().equals(member))
                        .findFirst();
                checkedIn += score.isPresent() ? 1 : 0;
                // Each partner's scores are check-in data: an app sees them only with checkins.read as well, and
                // nobody but the member sees the scores of a member who keeps their trends to themselves.
                Optional<CoupleFacts.Score> shown = voice.maySeeScoresOf(member, facts) ? score : Optional.empty();
                partners.add(new PartnerPoint(
                        voice.ref(member),
                        voice.name(member),
                        shown.map(CoupleFacts.Score::closeness).orElse(null),
                        shown.map(CoupleFacts.Score::satisfaction).orElse(null)));
            }
            Map<String, Integer> perLayer = new LinkedHashMap<>();
            for (InsightMaths.Layer layer : InsightMaths.Layer.values()) {
                perLayer.put(layer.name(), 0);
            }
            facts.sessions().stream()
                    .filter(s -> s.completedAt() != null)
                    .filter(s -> {
                        var day = s.completedAt().atZone(ZoneOffset.UTC).toLocalDate();
                        return !day.isBefore(PeriodMath.start(period)) && !day.isAfter(PeriodMath.end(period));
                    })
                    .forEach(s -> s.layers().forEach(layer -> perLayer.computeIfPresent(layer, (k, n) -> n + 1)));
            boolean complete = partners.size() >= 2 && checkedIn == partners.size();
            points.add(new Point(period, complete, partners, perLayer));
        }
        return new Timeline(labels.get(0), labels.get(labels.size() - 1), points);
    }

    /**
     * A small accessible SVG line chart of closeness (1–7) per partner: a title and description for screen readers,
     * labelled axes, a legend, and a text fallback for every point (its {@code <title>}).
     */
    public String svg() {
        int width = 640;
        int height = 320;
        int left = 48;
        int right = 140;
        int top = 40;
        int bottom = 48;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append(
                        "\" role=\"img\" aria-labelledby=\"title desc\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<title id=\"title\">Closeness from ")
                .append(from)
                .append(" to ")
                .append(to)
                .append("</title>\n");
        svg.append(
                "<desc id=\"desc\">Each partner's closeness rating (1 to 7) per check-in period; gaps are periods without "
                        + "a check-in.</desc>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"")
                .append(left)
                .append("\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Closeness</text>\n");
        // Axes and grid.
        for (int v = 1; v <= 7; v++) {
            int y = top + plotH - (v - 1) * plotH / 6;
            svg.append("<line x1=\"")
                    .append(left)
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" x2=\"")
                    .append(left + plotW)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\" stroke=\"#e5e5e5\"/>");
            svg.append("<text x=\"")
                    .append(left - 8)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" text-anchor=\"end\">")
                    .append(v)
                    .append("</text>\n");
        }
        svg.append("<line x1=\"")
                .append(left)
                .append("\" y1=\"")
                .append(top)
                .append("\" x2=\"")
                .append(left)
                .append("\" y2=\"")
                .append(top + plotH)
                .append("\" stroke=\"#333\"/>");
        svg.append("<line x1=\"")
                .append(left)
                .append("\" y1=\"")
                .append(top + plotH)
                .append("\" x2=\"")
                .append(left + plotW)
                .append("\" y2=\"")
                .append(top + plotH)
                .append("\" stroke=\"#333\"/>\n");
        svg.append("<text x=\"14\" y=\"")
                .append(top + plotH / 2)
                .append("\" transform=\"rotate(-90 14 ")
                .append(top + plotH / 2)
                .append(")\" text-anchor=\"middle\">closeness (1-7)</text>\n");
        svg.append("<text x=\"")
                .append(left + plotW / 2)
                .append("\" y=\"")
                .append(height - 10)
                .append("\" text-anchor=\"middle\">check-in period</text>\n");
        int n = points.size();
        for (int i = 0; i < n; i += Math.max(1, n / 6)) {
            svg.append("<text x=\"")
                    .append(x(i, n, left, plotW))
                    .append("\" y=\"")
                    .append(top + plotH + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"10\">")
                    .append(points.get(i).period())
                    .append("</text>\n");
        }
        String[] colours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
        int partners = points.isEmpty() ? 0 : points.get(0).partners().size();
        for (int p = 0; p < partners; p++) {
            String colour = colours[p % colours.length];
            String who = points.get(0).partners().get(p).who();
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < n; i++) {
                Integer c = points.get(i).partners().get(p).closeness();
                if (c == null) {
                    pen = false;
                    continue;
                }
                int y = top + plotH - (c - 1) * plotH / 6;
                path.append(pen ? " L" : " M")
                        .append(x(i, n, left, plotW))
                        .append(',')
                        .append(y);
                pen = true;
                svg.append("<circle cx=\"")
                        .append(x(i, n, left, plotW))
                        .append("\" cy=\"")
                        .append(y)
                        .append("\" r=\"3\" fill=\"")
                        .append(colour)
                        .append("\"><title>")
                        .append(escape(who))
                        .append(", ")
                        .append(points.get(i).period())
                        .append(": ")
                        .append(c)
                        .append("</title></circle>\n");
            }
            if (path.length() > 0) {
                svg.append("<path d=\"")
                        .append(path.toString().trim())
                        .append("\" fill=\"none\" stroke=\"")
                        .append(colour)
                        .append("\" stroke-width=\"2\"/>\n");
            }
            int ly = top + 10 + p * 20;
            svg.append("<rect x=\"")
                    .append(left + plotW + 16)
                    .append("\" y=\"")
                    .append(ly - 9)
                    .append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(colour)
                    .append("\"/><text x=\"")
                    .append(left + plotW + 34)
                    .append("\" y=\"")
                    .append(ly + 1)
                    .append("\">")
                    .append(escape(who))
                    .append("</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static int x(int i, int n, int left, int plotW) {
        return n <= 1 ? left + plotW / 2 : left + i * plotW / (n - 1);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
