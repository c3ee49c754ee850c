package app.hearth.platform.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: this service can open the data keys its peers wrote. A replica started with another wrapping key than
 * the rest would otherwise serve (and consume) as if everyone's sealed parts were gone.
 */
@Readiness
@ApplicationScoped
public class PersonKeysReadiness implements HealthCheck {

    @Inject
    PersonKeyring keyring;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("person keys")
                .status(!keyring.wrappingKeyDiffers())
                .withData("unopenableKeyRecords", keyring.unopenableRecords())
                .withData(
                        "hint",
                        keyring.wrappingKeyDiffers()
                                ? "HEARTH_KEY_WRAPPING_KEY differs from the one the other services "
                                        + "wrapped their keys with"
                                : "")
                .build();
    }
}
