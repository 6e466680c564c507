package curio.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: out of memory, with the heap kept full, ends Kernel.run (and so the JVM) on every carrier;
 * it never leaves the program parked without a word. And cancelling many sleeping tasks, then closing
 * the kernel over as many more, fits in a small heap (the time queue and the shutdown let go of what
 * they cancel).
 */
class FatalErrorTest {

    /** A probe of curio.it.probes in a JVM of its own, with a small heap, on one carrier. */
    private static ProcessBuilder probe(String carrier, String heap, String probe, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:-HeapDumpOnOutOfMemoryError", "--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel",
                "--enable-native-access=curio.selector.epoll", "-Dcurio.carrier=" + carrier,
                "-p", System.getProperty("jdk.module.path"), "--add-modules", "ALL-MODULE-PATH",
                "-m", "curio.it/curio.it.probes." + probe));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"continuation", "virtual"})
    void outOfMemoryEndsTheProgram(String carrier) throws Exception {
        Process p = probe(carrier, "64m", "OutOfMemory").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "out of memory on the " + carrier + " carrier left the program hanging");
        assertNotEquals(0, p.exitValue(), "Curio.run must end with the error");
    }

    /**
     * 100,000 sleepers in a heap too small for them: on the virtual carrier the JVM cannot save a
     * parking virtual thread's stack, pins it to its carrier instead, and says nothing; once both
     * carriers were pinned the program hung (4 runs in 5 at 144-176 MiB before the fix). It must end
     * with the error instead, on both carriers.
     */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"continuation", "virtual"})
    void sleepersBeyondTheHeapEndTheProgram(String carrier) throws Exception {
        String heap = carrier.equals("virtual") ? "128m" : "64m"; // each well below what 100,000 need
        Path log = java.nio.file.Files.createTempFile("sleepers", ".log");
        Process p = probe(carrier, heap, "ManySleepers", "100000", "sleep").redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = java.nio.file.Files.readString(log);
        java.nio.file.Files.delete(log);
        assertTrue(ended, "a full heap on the " + carrier + " carrier left the program hanging: " + out);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("OutOfMemoryError"), out);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"continuation", "virtual"})
    void cancellingFiftyThousandSleepersFitsInASmallHeap(String carrier) throws Exception {
        Process p = probe(carrier, "192m", "ManySleepers", "50000").start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertTrue(out.contains("cancelled 50000") && out.contains("closed"), out);
    }
}
