package curio.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import curio.api.Curio;
import curio.net.Net;
import curio.net.SocketStream;
import curio.sim.Hardship;
import curio.sim.SimHost;
import curio.sim.Simulation;
import curio.test.EachSeed;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's simulation example, verbatim: it compiles here, runs its 200 seeds, and the README shows it. */
class ReadmeSimulationTest {

    // BEGIN README: simulation
    @EachSeed(200)                                  // curio.test: seeds 1..200, each a test of its own
    void echoSurvivesAHardNetwork(long seed) {
        Hardship rough = Hardship.ROUGH.resets(0);  // this test is about timeouts: resets are another test's
        Simulation.run(seed, rough, net -> {
            SimHost server = net.host("server");    // 10.0.0.1; Net.openConnection("server", ...) finds it
            server.run(() -> Net.tcpServer("", 7000, (client, from) -> {
                SocketStream s = client.asStream();
                for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
                    s.write(line);
                }
            }));
            SimHost client = net.host("client");    // 10.0.0.2
            client.spawn(() -> {
                try (SocketStream s = connect("server", 7000)) {
                    s.write("hello\n".getBytes());
                    assertArrayEquals("hello\n".getBytes(), s.readLine());
                    net.partition(server, client);  // nothing crosses now
                    assertNull(Curio.ignoreAfter(Duration.ofMinutes(5), s::readLine));
                }
            }).join();
        }).rethrow();   // AssertionError: "simulation failed with seed 17 (replay it with -Dcurio.sim.seed=17): ..."
    }

    /** A ROUGH network refuses 2% of connects, as a real one now and then does: a client tries again. */
    static SocketStream connect(String host, int port) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Net.openConnection(host, port);
            } catch (ConnectException refused) {
                if (attempt == 5) {
                    throw refused;
                }
                Curio.sleep(Duration.ofMillis(50L << attempt)); // back off: 100 ms, 200 ms, ...
            }
        }
    }
    // END README: simulation

    @Test
    void theReadmeShowsThisExampleVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/curio/it/ReadmeSimulationTest.java"));
        String readme = Files.readString(Path.of("..", "README.md"));
        assertEquals(block(source, "    // ", 4), block(readme, "", 0), "README's simulation example and ReadmeSimulationTest differ");
    }

    /** The lines between the markers, without the code block's fences and without {@code indent} leading spaces. */
    private static String block(String text, String markerPrefix, int indent) {
        String begin = markerPrefix + (markerPrefix.isEmpty() ? "<!-- " : "") + "BEGIN README: simulation"
                + (markerPrefix.isEmpty() ? " -->" : "");
        String end = markerPrefix + (markerPrefix.isEmpty() ? "<!-- " : "") + "END README: simulation"
                + (markerPrefix.isEmpty() ? " -->" : "");
        String between = text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end));
        StringBuilder out = new StringBuilder();
        for (String line : between.strip().lines().toList()) {
            if (line.startsWith("```")) {
                continue;
            }
            out.append(line.startsWith(" ".repeat(indent)) ? line.substring(indent) : line).append('\n');
        }
        return out.toString().strip();
    }
}
