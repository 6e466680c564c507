package curio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.test.CapturedLogs;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 24 item 14: a server's log is fit for a server: a client going away is traffic, a handler's bug a crash. */
@ExtendWith(CapturedLogs.class)
class ServerLogTest {

    private static final Logger NETWORK = Logger.getLogger("curio.network");

    @EachBackend
    void aClientThatResetsIsOneDebugLineAndABugIsStillACrash(String backend) {
        Level saved = NETWORK.getLevel();
        NETWORK.setLevel(Level.FINE);
        try {
            Kernels.run(backend, () -> {
                Socket listener = Net.tcpServerSocket("127.0.0.1", 0);
                InetSocketAddress at = (InetSocketAddress) listener.localAddress();
                Task<?> server = Curio.spawn(() -> Net.runServer(listener, (client, from) -> {
                    byte[] first = client.recv(100);
                    if (first.length > 0 && first[0] == 'b') {
                        throw new IllegalStateException("a bug in the handler");
                    }
                    client.asStream().readExactly(1000); // the client resets before sending them
                }, null));
                try (Socket resetter = Socket.tcp()) {
                    resetter.connect(at);
                    resetter.sendAll(new byte[] {'r'});
                    Curio.sleep(Duration.ofMillis(20));
                    resetter.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends a reset
                }
                try (Socket buggy = Socket.tcp()) {
                    buggy.connect(at);
                    buggy.sendAll(new byte[] {'b'});
                    Curio.sleep(Duration.ofMillis(20));
                }
                Curio.sleep(Duration.ofMillis(20));
                server.cancel();
            });
        } finally {
            NETWORK.setLevel(saved);
        }
        List<String> severe = CapturedLogs.messages(Level.SEVERE);
        assertEquals(1, severe.size(), "only the handler's bug is a crash: " + severe);
        assertTrue(severe.getFirst().startsWith("Task Crash"), severe.getFirst());
        List<String> fine = CapturedLogs.messages(Level.FINE);
        assertEquals(1, fine.size(), "the reset is one debug line: " + fine);
        assertTrue(fine.getFirst().contains("went away") && fine.getFirst().contains("Connection reset"), fine.getFirst());
    }
}
