package com.example.echo;

import curio.api.Curio;
import curio.net.Socket;
import curio.net.SocketStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A line service: each line a client sends comes back upper-cased; "bye" ends the session. */
public final class EchoService {

    private EchoService() {}

    /**
     * Serves one client until it says "bye" or hangs up; closes it.
     *
     * @param client the client socket
     * @throws IOException if the I/O fails
     */
    public static void serve(Socket client) throws IOException {
        try (client) {
            SocketStream stream = client.asStream();
            for (byte[] line = stream.readLine(); line.length > 0; line = stream.readLine()) {
                String text = new String(line, StandardCharsets.UTF_8).strip();
                if (text.equals("bye")) {
                    return;
                }
                stream.write((text.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Serves every client of {@code listener} in a task of its own, forever.
     *
     * @param listener the listening socket
     * @throws IOException if the I/O fails
     */
    public static void serveAll(Socket listener) throws IOException {
        while (true) {
            Socket client = listener.accept();
            Curio.spawnDaemon(() -> serve(client));
        }
    }
}
