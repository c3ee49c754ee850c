package app.hearth.reminder.service;

import app.hearth.platform.problem.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookRulesTest {

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheCap() {
        Duration initial = Duration.ofSeconds(30);
        Duration max = Duration.ofHours(6);
        assertThat(WebhookSender.backoff(1, initial, max)).isEqualTo(Duration.ofSeconds(30));
        assertThat(WebhookSender.backoff(2, initial, max)).isEqualTo(Duration.ofSeconds(60));
        assertThat(WebhookSender.backoff(5, initial, max)).isEqualTo(Duration.ofMinutes(8));
        assertThat(WebhookSender.backoff(11, initial, max)).isEqualTo(Duration.ofHours(6)); // 512 min, capped
        assertThat(WebhookSender.backoff(200, initial, max)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void theSignatureIsHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookSender.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/hearth", "https://203.0.113.7:8443/x?y=1"})
    void httpsUrlsAreAccepted(String url) {
        assertThat(WebhookService.validUrl(url, false).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource({"http://localhost:9000/hook,true", "http://127.0.0.1:9000/hook,true", "http://[::1]:9000/hook,true",
            "http://localhost:9000/hook,false", "http://example.com/hook,true", "http://127.0.0.1.nip.io/hook,true",
            "http://10.0.0.1/hook,true"})
    void plainHttpOnlyToLoopbackAndOnlyInLocalMode(String url, boolean localMode) {
        boolean loopback = url.contains("localhost") || url.contains("127.0.0.1:") || url.contains("[::1]");
        if (localMode && loopback) {
            assertThat(WebhookService.validUrl(url, true)).isNotNull();
        } else {
            assertThatThrownBy(() -> WebhookService.validUrl(url, localMode)).isInstanceOf(ApiException.class)
                    .hasMessageContaining("https");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "https://user:secret@example.com/x", "https:///nohost", "not a url",
            "/relative", "https://example.com/x#fragment"})
    void otherUrlsAreRefused(String url) {
        assertThatThrownBy(() -> WebhookService.validUrl(url, true)).isInstanceOf(ApiException.class)
                .hasMessageContaining("url");
    }
}
