package curio.bench.net;

import curio.api.Curio;
import curio.net.Net;
import curio.net.Socket;
import curio.net.SocketStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;

/**
 * The echo servers as users write them: the code is the project README's, character for character in
 * the method bodies, so that what the benchmark measures is what the README teaches. Only how the
 * program learns its address differs (the benchmark picks a free port). The tuned server is
 * {@link #tuned}, the one the first measurements used.
 */
final class UserEchoServers {

    private UserEchoServers() {}

    /** The README's "A first program": Curio's echo server, {@code recv(100_000)} then {@code sendAll}. */
    static void echoServer(SocketAddress address) throws IOException {
        Socket sock = Socket.tcp();
        sock.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        sock.bind(address);
        sock.listen(128);
        try (sock) {
            while (true) {
                Socket client = sock.accept();
                SocketAddress addr = client.remoteAddress();
                Curio.spawnDaemon(() -> echoClient(client, addr));
            }
        }
    }

    static void echoClient(Socket client, SocketAddress addr) throws IOException {
        try (client) {
            for (byte[] data = client.recv(100_000); data.length > 0; data = client.recv(100_000)) {
                client.sendAll(data);
            }
        }
    }

    /** The README's line server ("Testing under simulation"): {@code Net.tcpServer}, {@code readLine}, {@code write}. */
    static void lineServer(InetSocketAddress address) throws IOException {
        Net.tcpServer("127.0.0.1", address.getPort(), (client, from) -> {
            SocketStream s = client.asStream();
            for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                s.write(line);
            }
        });
    }

    /** The README's {@code Net.tcpServer("", 25000, handler)} with the first program's loop as the handler. */
    static void handlerServer(InetSocketAddress address) throws IOException {
        Net.tcpServer("127.0.0.1", address.getPort(), (client, from) -> {
            for (byte[] data = client.recv(100_000); data.length > 0; data = client.recv(100_000)) {
                client.sendAll(data);
            }
        });
    }

    /** The tuned server: one 64 KiB buffer per connection, {@code recvInto} it, send the slice. */
    static void tuned(InetSocketAddress address) throws IOException {
        Socket listener = Net.tcpServerSocket("127.0.0.1", address.getPort(), 1024, false);
        Net.runServer(listener, (client, from) -> {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            byte[] buf = new byte[65536];
            for (int n = client.recvInto(buf, 0, buf.length); n > 0; n = client.recvInto(buf, 0, buf.length)) {
                client.sendAll(buf, 0, n);
            }
        }, null);
    }
}
