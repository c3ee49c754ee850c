package app.hearth.reminder.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook may point: a host whose every address is public unicast. Checked when a webhook is registered and
 * again before every delivery, which then connects to exactly the address checked here (no second lookup, so a name
 * that re-resolves to an inside address between check and connect gains nothing).
 *
 * <p>Refused: loopback, private (RFC 1918), link-local, carrier-grade NAT, unique-local, unspecified, multicast,
 * broadcast, the documentation, benchmarking and reserved ranges, IPv6 forms that embed an IPv4 address (mapped,
 * compatible, NAT64, 6to4, Teredo), and any IPv4 literal not written as four plain decimal numbers
 * ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1}: resolvers disagree on what those mean).
 * Local mode may allow loopback (a receiver on the developer's machine), never anything else inside.
 */
public final class OutboundDestinations {

    /** Looks a host name up; the production one asks the system resolver, tests script answers. */
    public interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** Why a destination was refused, in words fit for the API caller. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A checked destination: connect to {@code address}, but speak to {@code host} (Host header, SNI, certificate). */
    public record Destination(String host, int port, boolean https, InetAddress address, String pathAndQuery) {}

    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");
    private static final Pattern CANONICAL_IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private OutboundDestinations() {}

    /**
     * Checks {@code uri} (already known to be http or https with a host) and picks the address to connect to.
     *
     * @param allowLoopback local mode: a loopback receiver is accepted (over http or https)
     */
    public static Destination check(URI uri, HostResolver resolver, boolean allowLoopback) throws Refused {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (uri.getHost() == null) {
            // java.net.URI keeps no host for authorities that are not a valid name or address ("127.1", "0x7F.0.0.1").
            throw new Refused(
                    "url: '" + uri.getRawAuthority() + "' is not a host name or an IP address written as a.b.c.d.");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        List<InetAddress> addresses = addressesOf(host, resolver);
        boolean loopback = addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        if (loopback && allowLoopback) {
            // Local mode only: every address is this machine.
        } else {
            for (InetAddress address : addresses) {
                Optional<String> why = nonPublic(address);
                if (why.isPresent()) {
                    // A name's resolved addresses are not echoed: that would map what is inside the network.
                    throw new Refused("url: " + host + " is "
                            + (address.getHostAddress().equals(stripBrackets(host))
                                    ? why.get()
                                    : "not a public address")
                            + "; Hearth sends only to public internet addresses.");
                }
            }
            if (!https) {
                throw new Refused("url: must be an https URL.");
            }
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new Destination(
                stripBrackets(host),
                port,
                https,
                addresses.get(0),
                uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    /** The host's addresses: a literal parsed here (strictly), a name through the resolver. */
    static List<InetAddress> addressesOf(String host, HostResolver resolver) throws Refused {
        if (host.startsWith("[")) {
            return List.of(ipv6Literal(stripBrackets(host)));
        }
        String[] labels = host.split("\\.", -1);
        if (NUMERIC_LAST_LABEL.matcher(labels[labels.length - 1]).matches()) {
            // Read as an IPv4 address by URL parsers and resolvers alike: only the canonical form is accepted.
            if (!CANONICAL_IPV4.matcher(host).matches() || !fitsIpv4(labels)) {
                throw new Refused("url: '" + host + "' is not an IPv4 address written as four decimal numbers "
                        + "(a.b.c.d); other spellings are refused.");
            }
            return List.of(parseLiteral(host));
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return List.of(InetAddress.getLoopbackAddress()); // RFC 6761: always this machine, never looked up
        }
        List<InetAddress> resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("url: the host " + host + " does not resolve.");
        }
        if (resolved.isEmpty()) {
            throw new Refused("url: the host " + host + " does not resolve.");
        }
        return new ArrayList<>(resolved);
    }

    private static InetAddress ipv6Literal(String literal) throws Refused {
        if (!literal.matches("[0-9a-f:.]+") || !literal.contains(":")) {
            throw new Refused("url: '[" + literal + "]' is not an IPv6 address (zone ids are not accepted).");
        }
        InetAddress address = parseLiteral(literal);
        if (address instanceof Inet4Address) {
            // The JDK turns ::ffff:a.b.c.d into the IPv4 address; whatever it maps, it is not a plain IPv6 address.
            throw new Refused("url: [" + literal + "] is an IPv4-mapped IPv6 address; webhooks go only to public "
                    + "internet addresses.");
        }
        return address;
    }

    private static InetAddress parseLiteral(String literal) throws Refused {
        try {
            return InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new Refused("url: '" + literal + "' is not an IP address.");
        }
    }

    private static boolean fitsIpv4(String[] labels) {
        for (String label : labels) {
            if (Integer.parseInt(label) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code address} is not a public unicast address, if it is not. */
    public static Optional<String> nonPublic(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF);
        }
        Inet6Address v6 = (Inet6Address) address;
        int first = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int second = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (v6.isIPv4CompatibleAddress() || allZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return Optional.of("an IPv6 address embedding an IPv4 one");
        }
        if (first == 0x64 && second == 0xff9b || first == 0x2002 || first == 0x2001 && second == 0) {
            return Optional.of("an IPv6 translation address embedding an IPv4 one (NAT64, 6to4 or Teredo)");
        }
        if ((first & 0xFE00) == 0xFC00) {
            return Optional.of("a unique-local (private) address");
        }
        if ((first & 0xFFC0) == 0xFEC0) {
            return Optional.of("a site-local (private) address");
        }
        if (first == 0x2001 && second == 0x0db8
                || first == 0x0100 && allZero(b, 2, 8)
                || first == 0x2001 && second < 0x0200) {
            return Optional.of("a documentation, discard or reserved address");
        }
        if ((first & 0xE000) != 0x2000) {
            return Optional.of("outside the global unicast range");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4(int a, int b, int c, int d) {
        if (a == 0) {
            return Optional.of("in 0.0.0.0/8 (this network)");
        }
        if (a == 10 || a == 172 && (b & 0xF0) == 16 || a == 192 && b == 168) {
            return Optional.of("a private (RFC 1918) address");
        }
        if (a == 100 && (b & 0xC0) == 64) {
            return Optional.of("a carrier-grade NAT address");
        }
        if (a == 169 && b == 254) {
            return Optional.of("a link-local address");
        }
        if (a == 255 && b == 255 && c == 255 && d == 255) {
            return Optional.of("the broadcast address");
        }
        if (a >= 224) {
            return Optional.of("a multicast or reserved address");
        }
        if (a == 192 && b == 0 && (c == 0 || c == 2)
                || a == 198 && (b & 0xFE) == 18
                || a == 198 && b == 51 && c == 100
                || a == 203 && b == 0 && c == 113
                || a == 192 && b == 88 && c == 99) {
            return Optional.of("a documentation, benchmarking or reserved address");
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
