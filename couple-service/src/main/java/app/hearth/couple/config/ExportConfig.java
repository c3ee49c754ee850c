package app.hearth.couple.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The other services whose exports {@code GET /v1/me/export} gathers, by name; each is reached at its REST client URL,
 * {@code quarkus.rest-client.<name>.url}.
 */
@ConfigMapping(prefix = "hearth.export")
public interface ExportConfig {

    List<String> peers();

    /** How long the whole gathering may take. */
    @WithDefault("15s")
    Duration timeout();
}
