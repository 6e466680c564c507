package curio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import curio.test.EachBackend;
import curio.test.Kernels;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/** Issue 17's near miss over sockets: a task waiting on a socket is waiting on the world, not deadlocked. */
class NotADeadlockTest {

    @EachBackend
    void aTaskWaitingOnASocketThatAThreadWillFeed(String backend) {
        String got = Kernels.run(backend, () -> {
            try (Socket listener = Socket.tcp()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.listen(1);
                SocketAddress at = listener.localAddress();
                Thread.ofPlatform().start(() -> {
                    try (java.net.Socket plain = new java.net.Socket()) {
                        Thread.sleep(50);
                        plain.connect(at);
                        plain.getOutputStream().write("late\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                try (Socket client = listener.accept()) {
                    return new String(client.asStream().readLine(), StandardCharsets.US_ASCII);
                }
            }
        });
        assertEquals("late\n", got);
    }
}
