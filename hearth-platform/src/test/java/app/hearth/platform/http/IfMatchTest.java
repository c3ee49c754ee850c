package app.hearth.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    private static int statusOf(Runnable check) {
        try {
            check.run();
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void onlyTheCurrentStrongTagMatches() {
        assertThat(IfMatch.etag(7)).isEqualTo("\"7\"");
        assertThat(statusOf(() -> IfMatch.of("\"7\"").check(7, "It", true))).isEqualTo(200);
        assertThat(statusOf(() -> IfMatch.of("\"6\"").check(7, "It", true))).isEqualTo(412);
        assertThat(statusOf(() -> IfMatch.of("W/\"7\"").check(7, "It", true))).isEqualTo(412);
        assertThat(statusOf(() -> IfMatch.of("\"5\", \"7\"").check(7, "It", true)))
                .isEqualTo(200);
        assertThat(statusOf(() -> IfMatch.of("*").check(7, "It", true))).isEqualTo(200);
    }

    @Test
    void aMissingHeaderIsRefusedOnlyWhereTheResourceIsShared() {
        assertThat(statusOf(() -> IfMatch.of(null).check(7, "It", true))).isEqualTo(428);
        assertThat(statusOf(() -> IfMatch.of(" ").check(7, "It", false))).isEqualTo(200);
        assertThatCode(() -> IfMatch.none().check(3, "It", false)).doesNotThrowAnyException();
    }

    @Test
    void somethingThatIsNotAListOfTagsIsABadRequest() {
        for (String header : new String[] {"7", "\"7", "\"7\" \"8\"", "\"7\",,", "W/"}) {
            assertThatThrownBy(() -> IfMatch.of(header))
                    .as(header)
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        }
    }
}
