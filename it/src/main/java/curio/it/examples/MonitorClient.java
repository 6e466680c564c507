package curio.it.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A client for a kernel's monitor console (Curio's {@code python -m curio.monitor}): copies your
 * typing to the monitor and its answers to the terminal. Plain blocking sockets: this is a tool, not
 * async code.
 * <pre>
 * java -p ... -m curio.it/curio.it.examples.MonitorClient [host] [port]     (127.0.0.1 48802)
 * </pre>
 */
public final class MonitorClient {

    private MonitorClient() {}

    /**
     * Connects and relays until either side ends.
     *
     * @param args optional host and port
     */
    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 48802;
        try (Socket s = new Socket(host, port)) {
            OutputStream toMonitor = s.getOutputStream();
            Thread typing = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    System.in.transferTo(toMonitor);
                    s.shutdownOutput();
                } catch (IOException closed) {
                    // the monitor ended the session
                }
            });
            InputStream fromMonitor = s.getInputStream();
            fromMonitor.transferTo(System.out);
            System.out.flush();
            typing.interrupt();
        }
    }
}
