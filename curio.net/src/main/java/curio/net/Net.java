package curio.net;

import curio.api.CancelledError;
import curio.api.Curio;
import curio.api.Task;
import curio.api.spi.NameResolver;
import curio.api.trap.Traps;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Connections and servers (Curio's {@code curio.network}).
 * <pre>{@code
 * Curio.run(() -> Net.tcpServer("", 25000, (client, addr) -> {
 *     try (SocketStream s = client.asStream()) {
 *         for (byte[] line : s.lines()) {
 *             s.write(line);
 *         }
 *     }
 * }));
 * }</pre>
 * Every method must be called from a task; from a plain thread it throws {@code IllegalStateException}.
 */
public final class Net {

    private static final System.Logger LOG = System.getLogger("curio.network");

    /** Listen backlog of the server helpers. */
    public static final int DEFAULT_BACKLOG = 100;

    private Net() {}

    /**
     * Connects over TCP, trying each address of {@code host} in turn (names are resolved in a worker
     * thread), and returns a stream. A cancellation point.
     *
     * @param host the host name or address
     * @param port the port number
     * @return the socket
     * @throws java.net.ConnectException if every address refuses (the last failure is thrown)
     * @throws java.net.UnknownHostException if the name does not resolve
     */
    public static SocketStream openConnection(String host, int port) throws IOException {
        return new SocketStream(connect("Net.openConnection()", host, port));
    }

    /**
     * Connects over TCP and performs a TLS client handshake before returning. A cancellation point.
     *
     * @param host the host name or address
     * @param port the port number
     * @param tls the TLS settings, or null for plain TCP
     * @return the socket
     * @throws javax.net.ssl.SSLException if the handshake fails (e.g. the certificate is not trusted)
     */
    public static SocketStream openConnection(String host, int port, TlsOptions tls) throws IOException {
        Objects.requireNonNull(tls, "openConnection(): tls must not be null");
        if (!tls.isClient()) {
            throw new IllegalArgumentException("openConnection() needs client TLS options, got " + tls);
        }
        Socket s = connect("Net.openConnection()", host, port);
        try {
            s.startTls(tls, host);
        } catch (IOException | RuntimeException | CancelledError e) {
            s.close();
            throw e;
        }
        return s.asStream();
    }

    /**
     * Connects to a Unix-domain socket and returns a stream. A cancellation point.
     *
     * @param path the file
     * @return the socket
     * @throws IOException if the I/O fails
     */
    public static SocketStream openUnixConnection(Path path) throws IOException {
        Socket s = Socket.unix();
        try {
            s.connect(UnixDomainSocketAddress.of(Objects.requireNonNull(path, "path")));
        } catch (IOException | RuntimeException | CancelledError e) {
            s.close();
            throw e;
        }
        return new SocketStream(s);
    }

    /** The backend's names (a simulated network's hosts), or DNS from a worker thread by default. */
    private static InetAddress[] resolveAll(String call, String host) throws IOException {
        return Traps.capability(call, NameResolver.class).resolve(host);
    }

    private static Socket connect(String call, String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        checkPort(port);
        InetAddress[] addresses = resolveAll(call, host);
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket s = address instanceof Inet6Address ? Socket.tcp6() : Socket.tcp();
            try {
                s.connect(new InetSocketAddress(address, port));
                return s;
            } catch (IOException e) {
                s.close();
                last = e;
            } catch (RuntimeException | CancelledError e) {
                s.close();
                throw e;
            }
        }
        throw last != null ? last : new IOException("no address for " + host);
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
    }

    /**
     * Returns a listening TCP socket with SO_REUSEADDR and a backlog of {@value #DEFAULT_BACKLOG}.
     * An empty host listens on every IPv4 address.
     *
     * @param host the host name or address
     * @param port the port number
     * @return the bound, listening socket
     * @throws IOException if the I/O fails
     */
    public static Socket tcpServerSocket(String host, int port) throws IOException {
        return tcpServerSocket(host, port, DEFAULT_BACKLOG, false);
    }

    /**
     * Returns a listening TCP socket. {@code reusePort} lets several kernels share one port (where the
     * OS supports SO_REUSEPORT; a failure to set it is logged, not raised, as in Curio).
     *
     * @param host the host name or address
     * @param port the port number
     * @param backlog how many pending connections the OS queues
     * @param reusePort whether to set SO_REUSEPORT, so that several kernels can serve one port
     * @return a listening TCP socket
     * @throws IOException if the I/O fails
     */
    public static Socket tcpServerSocket(String host, int port, int backlog, boolean reusePort) throws IOException {
        checkPort(port);
        InetSocketAddress address = host == null || host.isEmpty() ? new InetSocketAddress(port)
                : new InetSocketAddress(resolveAll("Net.tcpServerSocket()", host)[0], port);
        Socket s = address.getAddress() instanceof Inet6Address ? Socket.tcp6() : Socket.tcp();
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                try {
                    s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                } catch (UnsupportedOperationException | IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "SO_REUSEPORT not supported here: " + e.getMessage());
                }
            }
            s.bind(address);
            s.listen(backlog);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Returns a Unix-domain socket listening at {@code path}.
     *
     * @param path the file
     * @return the bound, listening socket
     * @throws IOException if the I/O fails
     */
    public static Socket unixServerSocket(Path path) throws IOException {
        Socket s = Socket.unix();
        try {
            s.bind(UnixDomainSocketAddress.of(Objects.requireNonNull(path, "path")));
            s.listen(DEFAULT_BACKLOG);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Serves TCP clients at host:port, one task per client, until cancelled.
     *
     * @param host the host name or address
     * @param port the port number
     * @param handler the code that serves each client
     * @throws IOException if the I/O fails
     */
    public static void tcpServer(String host, int port, ClientHandler handler) throws IOException {
        checkServer("tcpServer()", handler, null); // before binding: bad arguments never hold a port
        runServer(tcpServerSocket(host, port), handler, null);
    }

    /**
     * Serves TLS clients at host:port (server options), one task per client, until cancelled.
     *
     * @param host the host name or address
     * @param port the port number
     * @param handler the code that serves each client
     * @param tls the TLS settings, or null for plain TCP
     * @throws IOException if the I/O fails
     */
    public static void tcpServer(String host, int port, ClientHandler handler, TlsOptions tls) throws IOException {
        checkServer("tcpServer()", handler, tls); // before binding: bad arguments never hold a port
        runServer(tcpServerSocket(host, port), handler, tls);
    }

    /**
     * Serves Unix-domain clients at {@code path}, one task per client, until cancelled.
     *
     * @param path the file
     * @param handler the code that serves each client
     * @throws IOException if the I/O fails
     */
    public static void unixServer(Path path, ClientHandler handler) throws IOException {
        checkServer("unixServer()", handler, null);
        runServer(unixServerSocket(path), handler, null);
    }

    /**
     * Serves clients of a listening socket until cancelled: each client runs {@code handler} in its own
     * task, and its socket is closed when the handler returns or fails. A failing handler is logged
     * ("Task Crash") and never stops the server; a client that went away (a reset, a broken pipe, the end
     * of the stream mid-read, a TLS alert) is normal traffic for a server, logged as one line at DEBUG. On cancellation every client task is cancelled, the
     * listening socket is closed, and the cancellation propagates.
     *
     * @param tls server TLS options, or null for plain connections; with TLS the handshake is done
     *     before the handler runs, and the client socket reads and writes through TLS
     * @param listener the listening socket
     * @param handler the code that serves each client
     * @throws IOException if the I/O fails
     */
    public static void runServer(Socket listener, ClientHandler handler, TlsOptions tls) throws IOException {
        Traps.requireTask("Net.runServer()");
        Objects.requireNonNull(listener, "runServer(): listener must not be null");
        Set<Task<?>> clients = new LinkedHashSet<>();
        try (listener) { // closed on every way out, a refused argument included
            checkServer("runServer()", handler, tls);
            while (true) {
                Socket client = listener.accept();
                SocketAddress from = client.remoteAddress();
                Task<?>[] self = new Task<?>[1];
                self[0] = Curio.spawnDaemon(() -> {
                    try (client) {
                        if (tls != null) {
                            client.startTls(tls, null);
                        }
                        handler.handle(client, from);
                    } catch (IOException e) {
                        if (!peerWentAway(e)) {
                            throw e; // a crash of the handler's own making: Curio's "Task Crash" report
                        }
                        LOG.log(System.Logger.Level.DEBUG, () -> "client " + from + " went away: " + e);
                    } finally {
                        clients.remove(self[0]);
                    }
                    return null;
                });
                clients.add(self[0]);
            }
        } finally {
            for (Task<?> t : new java.util.ArrayList<>(clients)) {
                t.cancel();
            }
        }
    }

    /**
     * Whether a client task's failure is the peer's doing, which a server meets as normal traffic: a reset or a
     * broken pipe, the end of the stream in the middle of a read, a TLS alert or a handshake the client gave up.
     * These end the client's task with one line at DEBUG instead of a SEVERE report with its stack.
     */
    static boolean peerWentAway(IOException e) {
        return e instanceof java.net.SocketException || e instanceof java.io.EOFException // IncompleteReadException too
                || e instanceof javax.net.ssl.SSLException;
    }

    private static void checkServer(String call, ClientHandler handler, TlsOptions tls) {
        Objects.requireNonNull(handler, () -> call + ": handler must not be null");
        if (tls != null && tls.isClient()) {
            throw new IllegalArgumentException(call + " needs server TLS options (TlsOptions.server(...)), got " + tls);
        }
    }
}
