package app.hearth.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hearth.idempotency")
public interface IdempotencyConfig {

    /** Derives the lookup and sealing keys of stored answers; the same in every replica, a secret in production. */
    String key();

    /** How long a key's first answer is replayed. */
    @WithDefault("24h")
    Duration retention();

    /** How often answers past their retention are deleted. */
    @WithDefault("1h")
    Duration purgeInterval();
}
