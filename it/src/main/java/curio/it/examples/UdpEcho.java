package curio.it.examples;

import curio.api.Curio;
import curio.net.Datagram;
import curio.net.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A UDP echo server: every datagram goes back to its sender. Try it with {@code nc -u localhost 25002}. */
public final class UdpEcho {

    private UdpEcho() {}

    /** Echoes datagrams arriving at a bound UDP socket until cancelled. Must be called from a task. */
    static void serve(Socket sock) throws IOException {
        while (true) {
            Datagram d = sock.recvFrom(65_507);
            sock.sendTo(d.data(), d.sender());
        }
    }

    /**
     * Serves on port 25002, or the port given.
     *
     * @param args optional port
     */
    public static void main(String[] args) throws java.io.IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25002;
        Curio.run(() -> {
            try (Socket sock = Socket.udp()) {
                sock.bind(new InetSocketAddress(port));
                System.out.println("UDP echo at " + sock.localAddress());
                serve(sock);
            }
        });
    }
}
