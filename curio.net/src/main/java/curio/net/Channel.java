package curio.net;

import curio.api.CancelledError;
import curio.api.Curio;
import curio.api.TaskTimeout;
import curio.api.trap.Rethrow;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A rendezvous point for message {@link Connection}s (Curio's {@code curio.channel.Channel}): one side
 * accepts, the other connects, and both may authenticate with a shared key.
 * <pre>{@code
 * Channel ch = new Channel(new InetSocketAddress("127.0.0.1", 30000));
 * try (Connection c = ch.accept(key)) { Object msg = c.recv(); }      // server task
 * try (Connection c = ch.connect(key)) { c.send("hello"); }          // client task
 * }</pre>
 * Every method must be called from a task.
 */
public final class Channel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("curio.channel");
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(1);

    private SocketAddress address;
    private final Predicate<SocketAddress> checkAddress;
    private Socket listener;

    /**
     * A channel at {@code address} (an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}).
     *
     * @param address the address
     */
    public Channel(SocketAddress address) {
        this(address, a -> true);
    }

    /**
     * A channel whose {@link #accept} turns away clients for which {@code checkAddress} is false.
     *
     * @param address the address
     * @param checkAddress whether to check the peer's address
     */
    public Channel(SocketAddress address, Predicate<SocketAddress> checkAddress) {
        this.address = Objects.requireNonNull(address, "address");
        this.checkAddress = Objects.requireNonNull(checkAddress, "checkAddress");
    }

    /**
     * Returns the address; after {@link #bind()} the one actually bound (port 0 becomes the real port).
     *
     * @return the address given, or after {@code bind()} the one actually bound
     */
    public SocketAddress address() {
        return address;
    }

    private boolean unix() {
        return address instanceof UnixDomainSocketAddress;
    }

    /**
     * Starts listening (SO_REUSEADDR, backlog 5).
     *
     * @throws IOException if the I/O fails
     */
    public void bind() throws IOException {
        if (listener != null) {
            return;
        }
        Socket s = unix() ? Socket.unix() : Socket.tcp();
        try {
            if (!unix()) {
                s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            s.bind(address);
            s.listen(5);
            address = s.localAddress();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        listener = s;
    }

    /**
     * Accepts the next client that passes the address check and, given a key, authenticates within one
     * second; clients that fail are logged, closed and skipped.
     *
     * @param authKey the shared key, or null for none
     * @return the connection to the accepted client
     * @throws IOException if the I/O fails
     */
    public Connection accept(byte[] authKey) throws IOException {
        bind();
        while (true) {
            Socket client = listener.accept();
            SocketAddress from = client.remoteAddress();
            if (!checkAddress.test(from)) {
                LOG.log(System.Logger.Level.WARNING, "Channel: rejected connection from " + from);
                client.close();
                continue;
            }
            Connection c = new Connection(client.asStream());
            try {
                if (authKey != null) {
                    Curio.timeoutAfter(AUTH_TIMEOUT, () -> c.authenticateServer(authKey));
                }
                return c;
            } catch (Throwable e) { // the body may throw IOExceptions unchecked: timeoutAfter rethrows as is
                c.close();
                // One client's failure during the handshake (silence, a wrong key, a reset, end of stream:
                // any IOException) is that client's; the channel goes on accepting the others. Found by
                // the simulated network: a client reset mid-authentication used to end the accept loop.
                if (!(e instanceof TaskTimeout || e instanceof AuthenticationError || e instanceof IOException)) {
                    throw Rethrow.unchecked(e);
                }
                LOG.log(System.Logger.Level.WARNING, "Channel: connection from " + from + " failed: " + e);
            }
        }
    }

    /**
     * Connects (no retry) and, given a key, authenticates within one second.
     *
     * @param authKey the shared secret both ends authenticate with
     * @return the connection
     * @throws SocketTimeoutException "Connection timed out" if authentication takes longer
     * @throws AuthenticationError if the keys differ
     */
    public Connection connect(byte[] authKey) throws IOException {
        Socket s = unix() ? Socket.unix() : (((InetSocketAddress) address).getAddress() instanceof java.net.Inet6Address
                ? Socket.tcp6() : Socket.tcp());
        try {
            s.connect(address);
        } catch (IOException | RuntimeException | CancelledError e) {
            s.close();
            throw e;
        }
        Connection c = new Connection(s.asStream());
        if (authKey != null) {
            try {
                Curio.timeoutAfter(AUTH_TIMEOUT, () -> c.authenticateClient(authKey));
            } catch (TaskTimeout e) {
                c.close();
                throw new SocketTimeoutException("Connection timed out");
            }
        }
        return c;
    }

    /** Stops listening. */
    @Override
    public void close() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    @Override
    public String toString() {
        return "Channel[" + address + (listener != null ? ", listening" : "") + "]";
    }
}
