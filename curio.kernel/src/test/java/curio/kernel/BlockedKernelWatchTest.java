package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.test.CapturedLogs;
import curio.test.EachCarrier;
import curio.test.Kernels;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 24 item 15: a task that holds its kernel is reported by default, once, naming it and where it is. */
@ExtendWith(CapturedLogs.class)
class BlockedKernelWatchTest {

    private static void withProperty(String value, Runnable body) {
        String saved = System.getProperty(BlockedKernelWatch.PROPERTY);
        System.setProperty(BlockedKernelWatch.PROPERTY, value);
        try {
            body.run();
        } finally {
            if (saved == null) {
                System.clearProperty(BlockedKernelWatch.PROPERTY);
            } else {
                System.setProperty(BlockedKernelWatch.PROPERTY, saved);
            }
        }
    }

    /** The careless task: it blocks its thread for {@code millis}. */
    static void carelessSleep(long millis) {
        ActivationTest.holdTheKernel(millis);
    }

    @EachCarrier
    void aTaskHoldingItsKernelIsReportedOnceWithWhereItIs(String carrier) {
        withProperty("100ms", () -> Kernels.realTime(carrier, () -> {
            Task<?> careless = Curio.spawn(() -> carelessSleep(700));
            careless.join();
            Curio.sleep(Duration.ofMillis(50)); // a kernel that waits in its poll is not blocked
            return null;
        }));
        List<String> warnings = CapturedLogs.messages(Level.WARNING);
        assertEquals(1, warnings.size(), "one report per blocked stretch: " + warnings);
        String w = warnings.getFirst();
        assertTrue(w.contains("has held curio-") && w.contains("without suspending"), w);
        assertTrue(w.contains("BlockedKernelWatchTest.carelessSleep"), "where it blocks: " + w);
        assertTrue(w.contains("name='curio.kernel.BlockedKernelWatchTest"), "which task: " + w);
    }

    @EachCarrier
    void offMeansOff(String carrier) {
        withProperty("off", () -> Kernels.realTime(carrier, () -> {
            carelessSleep(300);
            return null;
        }));
        assertEquals(List.of(), CapturedLogs.messages(Level.WARNING));
    }

    @Test
    void thresholdsAreDurationsAndABadOneIsNamed() {
        assertEquals(2_000_000_000L, BlockedKernelWatch.threshold(null), "the default");
        assertEquals(500_000_000L, BlockedKernelWatch.threshold("500ms"));
        assertEquals(10_000_000_000L, BlockedKernelWatch.threshold(" 10s "));
        assertEquals(0, BlockedKernelWatch.threshold("OFF"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BlockedKernelWatch.threshold("soon"));
        assertTrue(bad.getMessage().startsWith("-Dcurio.blockWarning=soon: expected a duration"), bad.getMessage());
    }
}
