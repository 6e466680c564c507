package curio.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.net.Net;
import curio.net.SocketStream;
import curio.test.EachSeed;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code @EachSeed} under JUnit's parallel execution (this module's {@code junit-platform.properties}
 * turns it on; {@code @Execution(CONCURRENT)} asks for it): seeds run side by side, each simulation on a
 * kernel of its own, and each still gives its own result.
 */
class SeedsSideBySideTest {

    /** Seeds 1 and 2 each wait for the other to be running: they pass only when run at the same time. */
    private static final CountDownLatch FIRST_TWO = new CountDownLatch(2);

    @EachSeed(8)
    @Execution(ExecutionMode.CONCURRENT)
    void seedsRunSideBySide(long seed) throws InterruptedException {
        if (seed <= 2) {
            FIRST_TWO.countDown();
            assertTrue(FIRST_TWO.await(60, TimeUnit.SECONDS), "seed " + seed + " never met the other of the first two");
        }
        Simulation.run(seed, NetUnderSimulationTest.SPLIT, net -> {
            SimHost server = net.host("server");
            server.run(() -> Net.tcpServer("", 7300, (c, from) -> {
                SocketStream s = c.asStream();
                for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                    s.write(line);
                }
            }));
            net.host("client").spawn(() -> {
                try (SocketStream s = Net.openConnection("server", 7300)) {
                    for (int i = 0; i < 50; i++) {
                        byte[] line = ("seed " + seed + " line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                        s.write(line);
                        assertArrayEquals(line, s.readLine());
                    }
                }
            }).join();
        }).rethrow();
    }
}
