package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.test.CapturedLogs;
import curio.test.Kernels;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A crash the test expects is asserted from the captured log, not printed into a green build. */
@ExtendWith(CapturedLogs.class)
class CapturedLogsTest {

    @Test
    void anExpectedCrashIsCapturedForTheTestToAssert() {
        Kernels.run("continuation", () -> {
            Curio.spawn(() -> {
                throw new IllegalStateException("boom");
            }).awaitTermination();
        });
        List<String> severe = CapturedLogs.messages(Level.SEVERE);
        assertEquals(1, severe.size(), severe.toString());
        assertTrue(severe.getFirst().startsWith("Task Crash: Task(id="), severe.toString());
        assertEquals("boom", CapturedLogs.records().getFirst().getThrown().getMessage());
    }
}
