package app.hearth.exercise;

import app.hearth.testsupport.ServiceSmokeContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest extends ServiceSmokeContract {

    @Override
    protected String protectedPath() {
        return "/v1/exercises";
    }

    @Override
    protected String jsonPostPath() {
        return "/v1/couples/00000000-0000-0000-0000-000000000001/sessions";
    }
}
