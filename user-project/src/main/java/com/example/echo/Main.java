package com.example.echo;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.net.Socket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Starts the service on a free loopback port, sends it one line as a client would, prints the answer
 * and the backend that served it, and exits: the program the README's {@code java} command runs.
 */
public final class Main {

    private Main() {}

    /**
     * Runs the round trip.
     *
     * @param args the line to send (default {@code "hello"})
     * @throws java.io.IOException if the round trip fails: the kernel's body throws it, and so does run
     */
    public static void main(String[] args) throws java.io.IOException {
        String line = args.length > 0 ? String.join(" ", args) : "hello";
        try (Kernel kernel = Kernel.builder().build()) {
            String answer = kernel.run(() -> {
                try (Socket listener = Socket.tcp()) {
                    listener.bind(new InetSocketAddress("127.0.0.1", 0));
                    listener.listen(16);
                    Task<?> server = Curio.spawnDaemon(() -> EchoService.serveAll(listener));
                    try (Socket client = Socket.tcp()) {
                        client.connect(listener.localAddress());
                        client.sendAll((line + "\n").getBytes(StandardCharsets.UTF_8));
                        String reply = new String(client.asStream().readLine(), StandardCharsets.UTF_8);
                        server.cancel();
                        return reply.strip();
                    }
                }
            });
            System.out.println(answer + " (carrier " + kernel.carrierName() + ", selector " + kernel.selectorName() + ")");
        }
    }
}
