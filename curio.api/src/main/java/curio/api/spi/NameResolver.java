package curio.api.spi;

import curio.api.Curio;
import java.io.IOException;
import java.net.InetAddress;

/**
 * A capability: how a host name becomes addresses for {@code curio.net}'s connects and servers.
 * <p>Real-world default, {@link #SYSTEM}: the JDK's resolver (DNS, {@code /etc/hosts}), run on a worker
 * thread because it blocks. A backend whose world has names of its own (a simulated network's hosts)
 * offers its own, which answers at once.
 * <pre>{@code
 * InetAddress[] addresses = Traps.capability("connect", NameResolver.class).resolve("db.example.com");
 * }</pre>
 */
@FunctionalInterface
public interface NameResolver {

    /** The JDK's resolver, called on a worker thread (a cancellation point, as any thread wait). */
    NameResolver SYSTEM = host -> Curio.runInThread(() -> InetAddress.getAllByName(host));

    /**
     * Resolves {@code host} (a name or an address literal), in a task.
     *
     * @param host the name
     * @return its addresses, never empty
     * @throws java.net.UnknownHostException if the name has no address
     * @throws IOException if resolving fails otherwise
     */
    InetAddress[] resolve(String host) throws IOException;
}
