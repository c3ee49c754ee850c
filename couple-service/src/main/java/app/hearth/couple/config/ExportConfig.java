package app.hearth.couple.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The other services whose exports {@code GET /v1/me/export} gathers, by name, with their base URLs. */
@ConfigMapping(prefix = "hearth.export")
public interface ExportConfig {

    Map<String, String> peers();

    /** How long the whole gathering may take. */
    @WithDefault("15s")
    Duration timeout();
}
