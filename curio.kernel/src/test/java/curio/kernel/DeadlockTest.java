package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.DeadlockException;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskState;
import curio.api.trap.SchedBarrier;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Issue 17: a kernel that can never run a task again says so, and who waits on what; near misses do not. */
class DeadlockTest {

    /** A primitive nobody will ever wake: what an Event never set looks like to the kernel. */
    private static final class Never {
        final SchedBarrier waiters = new SchedBarrier(this);

        @Override
        public String toString() {
            return "Never[waiting=" + waiters.size() + "]";
        }
    }

    /** Two tasks that each join the other, once both have run: a cycle of joins. */
    static Task<?>[] joinCycle() {
        Task<?>[] pair = new Task<?>[2];
        pair[0] = Curio.spawn(() -> {
            Curio.schedule();
            pair[1].join();
        });
        pair[1] = Curio.spawn(() -> {
            Curio.schedule();
            pair[0].join();
        });
        return pair;
    }

    private static DeadlockException deadlock(String backend, curio.api.AsyncRunnable<?> main) {
        return assertThrows(DeadlockException.class, () -> Kernels.run(backend, main));
    }

    @EachBackend
    void aWaitNobodyCanEndIsReportedWithWhoWaitsOnWhatAndWhere(String backend) {
        Never never = new Never();
        DeadlockException e = deadlock(backend, () -> {
            Task<?> waiter = Curio.spawn(() -> never.waiters.suspend(TaskState.of("EVENT_WAIT")));
            waiter.join();
        });
        String report = e.getMessage();
        assertTrue(report.contains("no task of this kernel can ever run again"), report);
        assertTrue(report.matches("(?s).*task \\d+ 'main' TASK_JOIN on Task\\(id=\\d+.*"), report);
        assertTrue(report.contains("EVENT_WAIT on Never[waiting=1]"), report);
        assertTrue(report.contains("at curio.kernel.DeadlockTest.lambda$"), "the user's frame: " + report);
        assertTrue(report.contains("DeadlockTest.java:"), report);
    }

    @EachBackend
    void aJoinCycleIsReportedAsACycle(String backend) {
        DeadlockException e = deadlock(backend, () -> {
            Task<?>[] tasks = joinCycle();
            tasks[0].join();
        });
        assertTrue(e.getMessage().contains("cycle: task "), e.getMessage());
    }

    @EachBackend
    void cyclesAreFoundOnDemandWhileOtherTasksRun(String backend) {
        Kernels.run(backend, () -> {
            assertEquals(List.of(), Curio.deadlocks());
            Task<?>[] tasks = joinCycle();
            Curio.sleep(Duration.ofMillis(10)); // main keeps running: no global deadlock
            List<List<Task<?>>> cycles = Curio.deadlocks();
            assertEquals(1, cycles.size(), cycles.toString());
            assertEquals(java.util.Set.of(tasks[0], tasks[1]), java.util.Set.copyOf(cycles.getFirst()));
            tasks[1].cancel();
            tasks[0].cancel();
        });
    }

    @EachBackend
    void aSleepIsNotADeadlock(String backend) {
        assertEquals("woke", Kernels.run(backend, () -> {
            Task<String> sleeper = Curio.spawn(() -> {
                Curio.sleep(Duration.ofHours(1));
                return "woke";
            });
            return sleeper.join();
        }));
    }

    @EachBackend
    void aResultFromAThreadIsNotADeadlock(String backend) {
        assertEquals("done", Kernels.run(backend, () -> Curio.runInThread(() -> {
            Thread.sleep(50);
            return "done";
        })));
    }

    @EachBackend
    void aFutureAnotherThreadCompletesIsNotADeadlock(String backend) {
        assertEquals(42, Kernels.run(backend, () -> {
            CompletableFuture<Integer> f = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ignored) {
                    // complete anyway
                }
                f.complete(42);
            });
            return curio.api.trap.Traps.futureWait(f, null);
        }));
    }

    @EachBackend
    void closingAKernelWhoseTaskRefusesToEndReportsInsteadOfHanging(String backend) {
        Never never = new Never();
        Kernel k = Kernels.open(backend);
        assertThrows(DeadlockException.class, () -> k.run(() -> {
            Curio.spawn(() -> Curio.disableCancellation(() -> never.waiters.suspend(TaskState.of("EVENT_WAIT"))));
            never.waiters.suspend(TaskState.of("EVENT_WAIT"));
        }));
        DeadlockException atClose = assertThrows(DeadlockException.class, k::close);
        assertTrue(atClose.getMessage().contains("EVENT_WAIT on Never[waiting="), atClose.getMessage());
    }
}
