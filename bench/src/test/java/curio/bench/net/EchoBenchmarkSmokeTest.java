package curio.bench.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Drives every echo server briefly with the load generator, so that a broken server or generator
 * fails the build. It checks that messages flow and the figures are consistent, never how fast.
 */
class EchoBenchmarkSmokeTest {

    @Test
    void everyServerEchoesUnderTheGenerator() throws Exception {
        for (String name : EchoBenchmark.SERVERS) {
            for (String c : new String[] {"3x64", "2x65536"}) {
                String[] nx = c.split("x");
                try (EchoServer server = EchoBenchmark.start(name)) {
                    LoadGenerator.Result r = LoadGenerator.run(server.address(), Integer.parseInt(nx[0]),
                            Integer.parseInt(nx[1]), Duration.ofMillis(50), Duration.ofMillis(200), false);
                    assertTrue(r.messages() > 0, name + " " + c + ": no message came back");
                    assertTrue(r.p50Nanos() > 0 && r.p50Nanos() <= r.p99Nanos(), name + " " + c + ": " + r);
                    assertTrue(r.seconds() > 0.1, name + " " + c + ": measured for " + r.seconds() + " s");
                }
            }
        }
    }

    /** The generator in a JVM of its own (the 10,000-connection cases) reports its window's figures back. */
    @Test
    void theForkedGeneratorReportsBack() throws Exception {
        try (EchoServer server = EchoBenchmark.start("readme-epoll-continuation")) {
            LoadGenerator.Result r = LoadGenerator.runForked(server.address(), 3, 64, Duration.ofMillis(200),
                    Duration.ofMillis(300), false);
            assertTrue(r.messages() > 0, "no message came back: " + r);
            assertTrue(r.otherCpuNanos() > 0 && r.otherAllocatedBytes() > 0, "the server's side was not measured: " + r);
        }
    }
}
