package curio.it.examples;

import curio.api.Kernel;
import curio.net.Net;
import curio.net.Socket;

/**
 * One kernel per core, all serving one port: each kernel runs on its own thread with its own
 * listening socket bound with SO_REUSEPORT, and the OS spreads connections among them. Each client
 * gets told which kernel serves it, then an echo.
 * <pre>
 * java ... -m curio.it/curio.it.examples.ReusePortEchoServer [port] [kernels]
 * </pre>
 */
public final class ReusePortEchoServer {

    private ReusePortEchoServer() {}

    /**
     * Starts the kernels; they serve until the process ends.
     *
     * @param args optional port (25003) and number of kernels (one per core)
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25003;
        int kernels = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        for (int k = 0; k < kernels; k++) {
            String name = "kernel-" + k;
            Thread.ofPlatform().name(name).start(() -> { // non-daemon: the JVM lives while kernels serve
                try (Kernel kernel = Kernel.builder().build()) {
                    kernel.run(() -> {
                        Socket listener = Net.tcpServerSocket("", port, Net.DEFAULT_BACKLOG, true);
                        System.out.println(name + " listening at " + listener.localAddress() + " on "
                                + kernel.selectorName());
                        Net.runServer(listener, (client, from) -> {
                            client.sendAll((name + "\n").getBytes());
                            byte[] buf = new byte[65536];
                            for (int n = client.recvInto(buf, 0, buf.length); n > 0; n = client.recvInto(buf, 0, buf.length)) {
                                client.sendAll(buf, 0, n);
                            }
                        }, null);
                    });
                } catch (java.io.IOException e) { // the port is taken, say: this kernel ends, the others serve on
                    System.err.println(name + " could not serve: " + e);
                }
            });
        }
    }

}
