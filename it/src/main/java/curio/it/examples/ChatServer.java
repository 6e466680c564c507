package curio.it.examples;

import curio.api.Curio;
import curio.api.Task;
import curio.net.Net;
import curio.net.Socket;
import curio.net.SocketStream;
import curio.sync.Queue;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chat server: every line a client sends goes to every other client, prefixed with its name.
 * Each client has an outbox queue and a writer task, so a slow client never holds up the others.
 * Clients share the room without locks: they are tasks of one kernel. Try it with two {@code nc}s.
 */
public final class ChatServer {

    private final Map<SocketAddress, Queue<byte[]>> outboxes = new LinkedHashMap<>();

    /** Serves clients of a listening socket until cancelled. Must be called from a task. */
    public void serve(Socket listener) throws IOException {
        Net.runServer(listener, this::chat, null);
    }

    private void chat(Socket client, SocketAddress from) throws Exception {
        SocketStream stream = client.asStream();
        Queue<byte[]> outbox = new Queue<>(100);
        Task<?> writer = Curio.spawn(() -> {
            while (true) {
                stream.write(outbox.get());
            }
        });
        outboxes.put(from, outbox);
        String name = String.valueOf(from);
        broadcast(from, "* " + name + " joined\n");
        try {
            for (byte[] line : stream.lines()) {
                broadcast(from, name + ": " + new String(line, StandardCharsets.UTF_8));
            }
        } finally {
            outboxes.remove(from);
            writer.cancel();
            broadcast(from, "* " + name + " left\n");
        }
    }

    private void broadcast(SocketAddress from, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<SocketAddress, Queue<byte[]>> e : outboxes.entrySet()) {
            if (!e.getKey().equals(from) && !e.getValue().isFull()) {
                e.getValue().put(bytes); // a client whose outbox is full misses the message
            }
        }
    }

    /**
     * Serves on port 25001, or the port given.
     *
     * @param args optional port
     */
    public static void main(String[] args) throws java.io.IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 25001;
        Curio.run(() -> {
            Socket listener = Net.tcpServerSocket("", port);
            System.out.println("Chat server listening at " + listener.localAddress());
            new ChatServer().serve(listener);
        });
    }

}
