package curio.bench.net;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.sync.UniversalEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A curio-java echo server on one kernel, on one platform thread, until closed. The server's code is one
 * of {@link Style}; the selector and carrier are the benchmark's to choose.
 */
public final class CurioEchoServer implements EchoServer {

    /** How the server is written. */
    public enum Style {
        /** {@code recvInto} a 64 KiB buffer kept per connection: the tuned server. */
        TUNED("curio", UserEchoServers::tuned),
        /** The README's first program, verbatim: {@code recv(100_000)} + {@code sendAll}. */
        README("readme", UserEchoServers::echoServer),
        /** The README's line server: {@code Net.tcpServer}, {@code SocketStream.readLine} + {@code write}. */
        LINES("lines", UserEchoServers::lineServer),
        /** A {@code Net.tcpServer} handler looping on {@code recv(100_000)} + {@code sendAll}. */
        HANDLER("handler", UserEchoServers::handlerServer);

        /** The first word of the server's name in the benchmark ({@code readme-epoll-virtual}). */
        public final String prefix;
        private final Program program;

        Style(String prefix, Program program) {
            this.prefix = prefix;
            this.program = program;
        }
    }

    /** A server program: serves at {@code address} until cancelled. */
    @FunctionalInterface
    interface Program {
        void serve(InetSocketAddress address) throws Exception;
    }

    private final UniversalEvent stop = new UniversalEvent();
    private final Thread thread;
    private final InetSocketAddress address;

    /**
     * Starts a kernel with the given backend and the tuned server.
     *
     * @param selector "epoll" or "nio"
     * @param carrier "continuation" or "virtual"
     */
    public CurioEchoServer(String selector, String carrier) throws Exception {
        this(Style.TUNED, selector, carrier);
    }

    /**
     * Starts a kernel with the given backend running the server written in {@code style}, and returns
     * once it accepts connections.
     *
     * @param style how the server is written
     * @param selector "epoll" or "nio"
     * @param carrier "continuation" or "virtual"
     */
    public CurioEchoServer(Style style, String selector, String carrier) throws Exception {
        this(style.prefix, style.program, selector, carrier);
    }

    /** Starts a kernel with the given backend running {@code program}, and returns once it accepts connections. */
    CurioEchoServer(String name, Program program, String selector, String carrier) throws Exception {
        InetSocketAddress at = freeLoopbackPort();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        thread = Thread.ofPlatform().name(name + "-echo-" + selector + "-" + carrier).start(() -> {
            try (Kernel k = Kernel.builder().selector(selector).carrier(carrier).build()) {
                k.run(() -> {
                    Task<?> server = Curio.spawn(() -> {
                        program.serve(at);
                        return null;
                    });
                    awaitListening(at, server);
                    listening.complete(null);
                    stop.await();
                    server.cancel();
                });
            } catch (Throwable t) {
                listening.completeExceptionally(t);
            }
        });
        listening.get();
        address = at;
    }

    /** A port nobody listens on now; the servers set SO_REUSEADDR, so they can bind it at once. */
    private static InetSocketAddress freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
    }

    /**
     * Waits until the server holds its port (the programs cannot say when they listen: they are the
     * README's). It tries to bind the port itself rather than connect, so that no server sees a client
     * that leaves at once (a TLS server would log its failed handshake). A program binds and listens in
     * one step of its task, so once the port is taken it is listened on.
     */
    private static void awaitListening(InetSocketAddress at, Task<?> server) throws Exception {
        for (int attempt = 0; ; attempt++) {
            if (server.terminated()) {
                server.join(); // it failed before listening: raise why
                throw new IllegalStateException("the server ended before it listened on " + at);
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(false);
                probe.bind(at);
            } catch (java.net.BindException taken) {
                return;
            }
            if (attempt == 1000) {
                throw new IllegalStateException("nothing listens on " + at + " after 10 s");
            }
            Curio.sleep(Duration.ofMillis(10));
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws Exception {
        stop.set();
        thread.join();
    }
}
