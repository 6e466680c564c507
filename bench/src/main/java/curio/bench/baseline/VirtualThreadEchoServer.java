package curio.bench.baseline;

import curio.bench.net.EchoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The JDK's own answer: blocking sockets, one virtual thread per connection. For one event-loop
 * thread, run the JVM with {@code -Djdk.virtualThreadScheduler.parallelism=1}.
 */
public final class VirtualThreadEchoServer implements EchoServer {

    private final ServerSocket listener;
    private final Thread acceptor;

    /** Starts accepting on a virtual thread. */
    public VirtualThreadEchoServer() throws IOException {
        listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    s.setTcpNoDelay(true);
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[65536];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                out.write(buf, 0, n);
            }
        } catch (IOException gone) {
            // the load generator closed the connection
        }
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join();
    }
}
