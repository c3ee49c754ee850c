package app.hearth.reminder.outbound;

import io.quarkus.arc.DefaultBean;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** Webhook hosts are looked up with the system resolver (the JDK's cache applies). */
@Singleton
@DefaultBean
public class SystemHostResolver implements OutboundDestinations.HostResolver {
    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return Arrays.asList(InetAddress.getAllByName(host));
    }
}
