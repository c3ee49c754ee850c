package app.hearth.exercise;

import app.hearth.testsupport.HearthTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real PostgreSQL, Kafka and Keycloak for every test class of this module. Registered once and unrestricted, so
 * all test classes share one Quarkus boot.
 */
@QuarkusTestResource(
        value = HearthTestResource.class,
        initArgs = {
            @ResourceArg(name = "database", value = "exercises"),
            @ResourceArg(name = "peers", value = "couple-service")
        })
public final class TestStack {
    private TestStack() {}
}
