package curio.bench.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.bench.net.CurioEchoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the idle-connection measurement on a few connections, so that it does not rot: its clients live
 * in a JVM of their own, which must start, connect, echo a line and leave. It checks that the figure
 * is a plausible heap cost (something, less than a megabyte), never how small.
 */
class FootprintSmokeTest {

    @Test
    void idleConnectionsAreMeasuredForBothReadmeServers() throws Exception {
        for (CurioEchoServer.Style style : new CurioEchoServer.Style[] {CurioEchoServer.Style.README,
                CurioEchoServer.Style.LINES}) {
            // Up to three rounds: memory an earlier test's peer lets go of late (Netty's pooled chunks, 16 MiB, once
            // its event loops are collected) can fall inside one round and make 200 connections cost -80 KB each;
            // a measurement that never gives a plausible figure is broken, and fails.
            List<Long> rounds = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                long perConnection = Footprint.idleConnection(style, "continuation", 200);
                rounds.add(perConnection);
                if (perConnection > 0 && perConnection < 1 << 20) {
                    break;
                }
            }
            long last = rounds.getLast();
            assertTrue(last > 0 && last < 1 << 20,
                    style + ": an idle connection costs some heap, less than 1 MiB; got " + rounds + " B");
        }
    }
}
