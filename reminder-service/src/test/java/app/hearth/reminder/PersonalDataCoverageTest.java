package app.hearth.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.platform.privacy.PersonalData;
import app.hearth.testsupport.PersonalDataCoverage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Issue 25: every column of this service's schema that names a person is one its erasure reaches. */
@QuarkusTest
class PersonalDataCoverageTest {

    @Inject
    @Any
    Instance<PersonalData> parts;

    @Inject
    AgroalDataSource database;

    @Test
    void everyColumnNamingAPersonIsDeclaredByAPersonalDataPart() {
        assertThat(PersonalDataCoverage.problems(database, parts)).isEmpty();
    }
}
