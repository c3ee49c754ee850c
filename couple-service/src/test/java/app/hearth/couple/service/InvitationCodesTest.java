package app.hearth.couple.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvitationCodesTest {

    @Test
    void codesUseOnlyUnambiguousSymbolsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = InvitationCodes.generate();
            assertThat(code).hasSize(10).matches("[0-9A-HJKMNP-TV-Z]+").doesNotContain("I", "L", "O", "U");
            seen.add(code);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void typedCodesAreReadForgivingly() {
        assertThat(InvitationCodes.normalise("7k3qd-m9xwa")).contains("7K3QDM9XWA");
        assertThat(InvitationCodes.normalise(" 7K3QD M9XWA ")).contains("7K3QDM9XWA");
        assertThat(InvitationCodes.normalise("O1LI0-ABCDE")).contains("01110ABCDE");
        assertThat(InvitationCodes.display("7K3QDM9XWA")).isEqualTo("7K3QD-M9XWA");
    }

    @Test
    void whatCannotBeACodeIsRefused() {
        assertThat(InvitationCodes.normalise("7K3QD-M9XW")).isEmpty();
        assertThat(InvitationCodes.normalise("7K3QD-M9XWAA")).isEmpty();
        assertThat(InvitationCodes.normalise("UUUUU-UUUUU")).isEmpty();
        assertThat(InvitationCodes.normalise("'; drop table")).isEmpty();
        assertThat(InvitationCodes.normalise(null)).isEmpty();
    }
}
