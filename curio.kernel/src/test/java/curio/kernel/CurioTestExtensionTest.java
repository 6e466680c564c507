package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.test.CurioTest;
import java.time.Duration;
import java.util.List;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.jupiter.api.Test;

/** @CurioTest runs a method as a kernel's main task and fails tests that leave tasks behind. */
class CurioTestExtensionTest {

    @CurioTest
    void theBodyIsAMainTaskOnTheVirtualClock() {
        assertTrue(Curio.inTask());
        long t0 = Curio.clock();
        Curio.sleep(Duration.ofHours(2));
        assertEquals(Duration.ofHours(2).toNanos(), Curio.clock() - t0);
        Task<Integer> child = Curio.spawn(() -> 4);
        assertEquals(4, child.join());
    }

    /** Examples run by the engine test kit below; they are not run on their own. */
    static class Leaky {
        @CurioTest(carriers = "continuation")
        void leavesATaskRunning() {
            Curio.spawn(() -> Curio.sleep(Duration.ofDays(1)));
        }

        @CurioTest(carriers = "virtual")
        void neverJoins() {
            Curio.spawn(() -> 1);
            Curio.sleep(Duration.ofSeconds(1));
        }
    }

    /** A test that deadlocks: run by the engine test kit below. */
    static class Stuck {
        @CurioTest(carriers = "continuation")
        void joinsATaskWaitingForever() {
            curio.api.trap.SchedBarrier never = new curio.api.trap.SchedBarrier("a barrier nobody opens");
            Curio.spawn(() -> never.suspend(curio.api.TaskState.of("EVENT_WAIT"))).join();
        }
    }

    @Test
    void aDeadlockFailsTheTestAtOnceWithTheReport() {
        long t0 = System.nanoTime();
        var failed = EngineTestKit.engine("junit-jupiter")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(Stuck.class))
                .execute().testEvents().failed().list();
        assertEquals(1, failed.size(), failed.toString());
        Throwable t = failed.getFirst().getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertTrue(t instanceof curio.api.DeadlockException, t.toString());
        assertTrue(t.getMessage().contains("EVENT_WAIT on a barrier nobody opens"), t.getMessage());
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "reported, not timed out");
    }

    @Test
    void leftoversFailTheTest() {
        var results = EngineTestKit.engine("junit-jupiter")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(Leaky.class))
                .execute().testEvents().failed().list();
        List<String> messages = results.stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow().getMessage()).toList();
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("tasks left running")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("tasks never joined")), messages.toString());
    }
}
