package app.hearth.reminder;

import app.hearth.reminder.outbound.OutboundDestinations;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * The resolver of every test here: names answer what a test scripts (by lookup number), everything else does not
 * resolve. No test ever asks real DNS, and no scripted answer is ever connected to unless it is loopback.
 */
@Singleton
public class ScriptedResolver implements OutboundDestinations.HostResolver {
    private static final Map<String, IntFunction<String>> SCRIPTS = new ConcurrentHashMap<>();
    public static final List<String> LOOKUPS = new CopyOnWriteArrayList<>();

    /** {@code host} answers {@code answer.apply(n)} on its n-th lookup (0-based). */
    public static void script(String host, IntFunction<String> answer) {
        SCRIPTS.put(host, answer);
    }

    public static long lookupsOf(String host) {
        return LOOKUPS.stream().filter(host::equals).count();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        IntFunction<String> script = SCRIPTS.get(host);
        if (script == null) {
            throw new UnknownHostException(host);
        }
        int n = (int) lookupsOf(host);
        LOOKUPS.add(host);
        String literal = script.apply(n);
        // A literal: parsed, never looked up; the name is kept so the address reads like a resolved one.
        return List.of(
                InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress()));
    }
}
