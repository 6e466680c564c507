package curio.it.examples;

import curio.api.Curio;
import curio.net.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;

/**
 * The echo server of Curio's README, written with curio-java: one task per client, thousands of
 * clients, no threads. Talk to it with {@code nc localhost 25000}.
 * <pre>
 * java --add-exports java.base/jdk.internal.vm=curio.kernel --add-opens java.base/java.lang=curio.kernel -p ... -m curio.it/curio.it.examples.EchoServer [port]
 * </pre>
 */
public final class EchoServer {

    private EchoServer() {}

    /** Accepts clients forever, echoing each in its own daemon task. Must be called from a task. */
    static void echoServer(SocketAddress address) throws IOException {
        Socket sock = Socket.tcp();
        sock.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        sock.bind(address);
        sock.listen(128);
        System.out.println("Server listening at " + sock.localAddress());
        try (sock) {
            while (true) {
                Socket client = sock.accept();
                SocketAddress addr = client.remoteAddress();
                Curio.spawnDaemon(() -> echoClient(client, addr));
            }
        }
    }

    static void echoClient(Socket client, SocketAddress addr) throws IOException {
        System.out.println("Connection from " + addr);
        try (client) {
            while (true) {
                byte[] data = client.recv(100_000);
                if (data.length == 0) {
                    break;
                }
                client.sendAll(data);
            }
        }
        System.out.println("Connection closed");
    }

    /**
     * Serves on port 25000, or the port given, until the process is stopped.
     *
     * @param args optional port
     * @throws java.io.IOException if the server cannot listen (the port is taken, say) or its socket fails
     */
    public static void main(String[] args) throws java.io.IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25000;
        Curio.run(() -> echoServer(new InetSocketAddress(port)));
    }
}
