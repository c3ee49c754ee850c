package app.hearth.reminder.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.platform.http.ApiException;
import app.hearth.reminder.outbound.OutboundAttempts;
import app.hearth.reminder.outbound.OutboundDestinations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookRulesTest {

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheCap() {
        Duration initial = Duration.ofSeconds(30);
        Duration max = Duration.ofHours(6);
        assertThat(OutboundAttempts.backoff(1, initial, max)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OutboundAttempts.backoff(2, initial, max)).isEqualTo(Duration.ofSeconds(60));
        assertThat(OutboundAttempts.backoff(5, initial, max)).isEqualTo(Duration.ofMinutes(8));
        assertThat(OutboundAttempts.backoff(11, initial, max)).isEqualTo(Duration.ofHours(6)); // 512 min, capped
        assertThat(OutboundAttempts.backoff(200, initial, max)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void signaturesFollowStandardWebhooks() {
        // The test vector published with the Standard Webhooks specification.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(WebhookSignatures.header(
                        List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        // During a rotation's overlap both secrets sign, space-separated, the new one first.
        String other = WebhookSignatures.newSecret();
        assertThat(WebhookSignatures.header(List.of(other, secret), "id", 1, "{}")
                        .split(" "))
                .containsExactly(
                        "v1," + WebhookSignatures.sign(other, "id", 1, "{}"),
                        "v1," + WebhookSignatures.sign(secret, "id", 1, "{}"));
        // The id and timestamp are signed: a body replayed under another id or time does not verify.
        assertThat(WebhookSignatures.sign(secret, "id", 2, "{}"))
                .isNotEqualTo(WebhookSignatures.sign(secret, "id", 1, "{}"));
        assertThat(WebhookSignatures.sign(secret, "id2", 1, "{}"))
                .isNotEqualTo(WebhookSignatures.sign(secret, "id", 1, "{}"));
    }

    @Test
    void newSecretsAreRandomAndLookLikeStandardWebhooksSecrets() {
        String a = WebhookSignatures.newSecret();
        assertThat(a).matches("whsec_[A-Za-z0-9+/]{43}=").isNotEqualTo(WebhookSignatures.newSecret());
        assertThat(WebhookSignatures.keyOf(a)).hasSize(32);
    }

    @Test
    void attemptsAreReportedAsCategoriesNotMessages() {
        assertThat(WebhookSender.category(204)).isEqualTo("delivered");
        assertThat(WebhookSender.category(302)).isEqualTo("http-3xx");
        assertThat(WebhookSender.category(404)).isEqualTo("http-4xx");
        assertThat(WebhookSender.category(503)).isEqualTo("http-5xx");
        assertThat(OutboundAttempts.category(new ConnectException("Connection refused: /10.0.0.1:22")))
                .isEqualTo("connection-refused");
        assertThat(OutboundAttempts.category(new RuntimeException(new SSLHandshakeException("PKIX path"))))
                .isEqualTo("tls-failed");
        assertThat(OutboundAttempts.category(new TimeoutException("x"))).isEqualTo("timeout");
        assertThat(OutboundAttempts.category(new IOException("SSH-2.0-OpenSSH_9.6")))
                .isEqualTo("network-error");
    }

    private static final OutboundDestinations.HostResolver RESOLVER = host -> switch (host) {
        case "hooks.example.com" -> List.of(InetAddress.getByName("93.184.215.14"));
        default -> throw new UnknownHostException(host);
    };

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/hearth", "https://93.184.215.14:8443/x?y=1"})
    void httpsUrlsToPublicHostsAreAccepted(String url) {
        assertThat(WebhookService.validUrl(url, RESOLVER, false).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:9000/hook,true",
        "http://127.0.0.1:9000/hook,true",
        "http://[::1]:9000/hook,true",
        "http://localhost:9000/hook,false",
        "http://hooks.example.com/hook,true",
        "http://127.0.0.1.nip.io/hook,true",
        "http://10.0.0.1/hook,true",
        "https://127.0.0.1/hook,false"
    })
    void loopbackOnlyInLocalModeAndPlainHttpOnlyToLoopback(String url, boolean localMode) {
        boolean loopback = url.contains("localhost") || url.contains("127.0.0.1:") || url.contains("[::1]");
        if (localMode && loopback) {
            assertThat(WebhookService.validUrl(url, RESOLVER, true)).isNotNull();
        } else {
            assertThatThrownBy(() -> WebhookService.validUrl(url, RESOLVER, localMode))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("url");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/x",
                "https://user:secret@example.com/x",
                "https:///nohost",
                "not a url",
                "/relative",
                "https://example.com/x#fragment",
                "https://unknown.invalid/x"
            })
    void otherUrlsAreRefused(String url) {
        assertThatThrownBy(() -> WebhookService.validUrl(url, RESOLVER, true))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("url");
    }
}
