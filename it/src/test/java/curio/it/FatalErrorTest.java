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
 * it never leaves the program parked without a word.
 */
class FatalErrorTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"continuation", "virtual"})
    void outOfMemoryEndsTheProgram(String carrier) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:-HeapDumpOnOutOfMemoryError", "--add-exports", "java.base/jdk.internal.vm=curio.kernel",
                "--enable-native-access=curio.selector.epoll", "-Dcurio.carrier=" + carrier,
                "-p", System.getProperty("jdk.module.path"), "--add-modules", "ALL-MODULE-PATH",
                "-m", "curio.it/curio.it.probes.OutOfMemory"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "out of memory on the " + carrier + " carrier left the program hanging");
        assertNotEquals(0, p.exitValue(), "Curio.run must end with the error");
    }
}
