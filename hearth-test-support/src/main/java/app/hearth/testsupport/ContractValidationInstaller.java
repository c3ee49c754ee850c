package app.hearth.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Puts {@link ContractValidation} on every REST-assured call of every {@code @QuarkusTest} of a module that has this
 * test support on its classpath (registered as a Quarkus test callback), so no test can forget it.
 */
public final class ContractValidationInstaller implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(ContractValidation.INSTANCE)) {
            RestAssured.filters(ContractValidation.INSTANCE);
        }
    }
}
