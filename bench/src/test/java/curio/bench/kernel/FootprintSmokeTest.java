package curio.bench.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.bench.net.CurioEchoServer;
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
            long perConnection = Footprint.idleConnection(style, "continuation", 200);
            assertTrue(perConnection > 0 && perConnection < 1 << 20,
                    style + ": an idle connection costs some heap, less than 1 MiB; got " + perConnection + " B");
        }
    }
}
