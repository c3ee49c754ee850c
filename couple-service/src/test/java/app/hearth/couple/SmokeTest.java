package app.hearth.couple;

import app.hearth.testsupport.ServiceSmokeContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest extends ServiceSmokeContract {

    @Override
    protected String protectedPath() {
        return "/v1/me";
    }

    @Override
    protected String jsonPostPath() {
        return "/v1/invitations";
    }
}
