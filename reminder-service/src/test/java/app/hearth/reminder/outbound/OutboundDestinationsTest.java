package app.hearth.reminder.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where webhooks may point: checked without any network traffic (literals are parsed, names come from a script). */
class OutboundDestinationsTest {

    private final List<String> lookups = new ArrayList<>();

    private final Map<String, List<String>> dns = Map.of(
            "hooks.example.com", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "metadata.example.com", List.of("169.254.169.254"),
            "mixed.example.com", List.of("93.184.215.14", "10.1.2.3"),
            "v6private.example.com", List.of("fd12:3456::1"),
            "dev.example.com", List.of("127.0.0.1"));

    private final OutboundDestinations.HostResolver resolver = host -> {
        lookups.add(host);
        List<String> answers = dns.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String a : answers) {
            addresses.add(
                    InetAddress.getByAddress(host, InetAddress.getByName(a).getAddress()));
        }
        return addresses;
    };

    private OutboundDestinations.Destination check(String url, boolean localMode) throws OutboundDestinations.Refused {
        return OutboundDestinations.check(URI.create(url), resolver, localMode);
    }

    /** The list and its relatives: every inside address, written every way a URL parser might accept. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.1/",
                "https://192.168.1.1/",
                "https://172.16.0.1/",
                "https://172.31.255.255/",
                "https://127.0.0.1/",
                "https://127.8.9.10/",
                "https://[::1]/",
                "https://[fd00::1]/",
                "https://[fc00::1]/",
                "https://[fe80::1]/",
                "https://[fec0::1]/",
                "https://0.0.0.0/",
                "https://[::]/",
                "https://100.64.0.1/",
                "https://100.127.255.254/",
                "https://224.0.0.1/",
                "https://[ff02::1]/",
                "https://255.255.255.255/",
                "https://240.0.0.1/",
                "https://192.0.2.1/",
                "https://198.18.0.1/",
                "https://[::ffff:127.0.0.1]/",
                "https://[::ffff:10.0.0.1]/",
                "https://[::ffff:93.184.215.14]/",
                "https://[::127.0.0.1]/",
                "https://[64:ff9b::a9fe:a9fe]/",
                "https://[2002:a9fe:a9fe::1]/",
                "https://[2001::1]/",
                "https://[2001:db8::1]/",
                // Non-canonical IPv4: decimal, hex, octal, short forms, mixed, out of range
                "https://2130706433/",
                "https://0x7f000001/",
                "https://0x7F.0.0.1/",
                "https://0177.0.0.1/",
                "https://127.1/",
                "https://127.0.1/",
                "https://017700000001/",
                "https://0x7f.1/",
                "https://2852039166/",
                "https://0xa9fea9fe/",
                "https://010.0.0.1/",
                "https://93.184.215.014/",
                "https://1.2.3.256/",
                "https://1.2.3.4.5/",
                "https://3221225985/",
                // Names that are loopback by definition, or resolve inside
                "https://localhost/",
                "https://api.localhost/",
                "https://LOCALHOST./",
                "https://metadata.example.com/",
                "https://mixed.example.com/",
                "https://v6private.example.com/",
                "https://dev.example.com/",
                // Zone ids and names that do not resolve
                "https://[fe80::1%25eth0]/",
                "https://nowhere.example.net/"
            })
    void insideAddressesAreRefused(String url) {
        assertThatThrownBy(() -> check(url, false))
                .isInstanceOf(OutboundDestinations.Refused.class)
                .hasMessageStartingWith("url:");
    }

    @Test
    void publicDestinationsAreAcceptedAndConnectToTheAddressChecked() throws Exception {
        OutboundDestinations.Destination d = check("https://hooks.example.com/hearth?x=1", false);
        assertThat(d.address().getHostAddress()).isEqualTo("93.184.215.14");
        assertThat(d.host()).isEqualTo("hooks.example.com");
        assertThat(d.port()).isEqualTo(443);
        assertThat(d.pathAndQuery()).isEqualTo("/hearth?x=1");
        assertThat(lookups).containsExactly("hooks.example.com"); // one lookup; the sender connects to d.address()
        assertThat(check("https://93.184.215.14:8443/", false).address().getHostAddress())
                .isEqualTo("93.184.215.14");
        assertThat(check("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/", false)
                        .https())
                .isTrue();
        assertThat(check("https://8.8.8.8/", false).host()).isEqualTo("8.8.8.8");
    }

    @Test
    void plainHttpIsRefusedEvenToPublicHosts() {
        assertThatThrownBy(() -> check("http://hooks.example.com/", false)).hasMessageContaining("https");
        assertThatThrownBy(() -> check("http://hooks.example.com/", true)).hasMessageContaining("https");
    }

    @Test
    void localModeAllowsLoopbackAndNothingElseInside() throws Exception {
        assertThat(check("http://127.0.0.1:9000/hook", true).address().isLoopbackAddress())
                .isTrue();
        assertThat(check("http://localhost:9000/hook", true).port()).isEqualTo(9000);
        assertThat(check("http://[::1]:9000/hook", true).https()).isFalse();
        assertThat(check("http://dev.example.com:9000/hook", true).address().getHostAddress())
                .isEqualTo("127.0.0.1");
        for (String inside : List.of(
                "http://10.0.0.1/",
                "https://169.254.169.254/",
                "http://[fd00::1]/",
                "http://0.0.0.0/",
                "http://2130706433/",
                "http://mixed.example.com/")) {
            assertThatThrownBy(() -> check(inside, true)).as(inside).isInstanceOf(OutboundDestinations.Refused.class);
        }
    }

    @Test
    void everyRangeIsClassifiedByItsBoundaries() throws Exception {
        for (String outside : List.of(
                "9.255.255.255",
                "11.0.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "192.167.255.255",
                "192.169.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "169.253.255.255",
                "169.255.0.0",
                "223.255.255.255",
                "2001:200::1",
                "2600::1")) {
            assertThat(OutboundDestinations.nonPublic(InetAddress.getByName(outside)))
                    .as(outside)
                    .isEmpty();
        }
        for (String inside : List.of(
                "10.0.0.0",
                "10.255.255.255",
                "172.16.0.0",
                "172.31.255.255",
                "192.168.0.0",
                "192.168.255.255",
                "100.64.0.0",
                "100.127.255.255",
                "169.254.0.0",
                "169.254.255.255",
                "224.0.0.0",
                "0.1.2.3",
                "fc00::",
                "fdff:ffff::1",
                "fe80::",
                "febf::1",
                "ff00::",
                "::",
                "::1",
                "100::1")) {
            assertThat(OutboundDestinations.nonPublic(InetAddress.getByName(inside)))
                    .as(inside)
                    .isPresent();
        }
    }
}
