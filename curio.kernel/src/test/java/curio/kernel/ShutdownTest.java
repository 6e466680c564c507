package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.CancelledError;
import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 1.4: shutdown cancels every task, newest first, each to its end. */
class ShutdownTest {

    @EachCarrier
    void shutdownCancelsNewestFirstDaemonsIncluded(String carrier) {
        List<String> log = new ArrayList<>();
        Kernel k = Kernels.open(carrier);
        k.run(() -> {
            for (String name : List.of("a", "b", "c")) {
                Runnable body = () -> {};
                if (name.equals("b")) {
                    Curio.spawnDaemon(() -> sleepLogging(name, log));
                } else {
                    Curio.spawn(() -> sleepLogging(name, log));
                }
            }
            Curio.schedule();
        });
        assertEquals(List.of(), log, "run() returns as soon as main ends; the others stay suspended");
        k.close();
        assertEquals(List.of("c", "b", "a"), log);
    }

    private static void sleepLogging(String name, List<String> log) {
        try {
            Curio.sleep(Duration.ofDays(1));
        } catch (CancelledError e) {
            log.add(name);
            Curio.sleep(Duration.ofSeconds(1)); // cleanup: the next victim waits for this one
            throw e;
        }
    }

    @EachCarrier
    void neverStartedTaskRunsToCompletionDuringShutdown(String carrier) {
        Task<?>[] child = new Task<?>[1];
        try (Kernel k = Kernels.open(carrier)) {
            k.run(() -> {
                child[0] = Curio.spawn(() -> {
                    Curio.schedule(); // yields, is marked pending meanwhile, resumes normally
                    return "finished";
                });
            });
        }
        assertTrue(child[0].terminated());
        assertTrue(child[0].cancelled());
        assertNull(child[0].exception());
        assertEquals("finished", child[0].result());
    }

    @EachCarrier
    void closeWithNoTasksIsQuickAndFinal(String carrier) {
        Kernel k = Kernels.open(carrier);
        long t0 = System.nanoTime();
        k.close();
        k.close(); // a second close is a no-op, not an error
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "closing an idle kernel took seconds");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.run(() -> "too late"));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
    }

    /** Issue 13 item 3: a task waiting for itself would wait forever; it is refused at once. */
    @EachCarrier
    void aTaskCannotJoinItself(String carrier) {
        String message = Kernels.run(carrier, () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Curio.currentTask().join());
            assertThrows(IllegalStateException.class, () -> Curio.currentTask().awaitTermination());
            return e.getMessage();
        });
        assertTrue(message.startsWith("a task cannot wait for itself to end"), message);
    }

    /** Issue 13 item 5: cancelled sleeps leave the time queue promptly, not when it next doubles. */
    @EachCarrier
    void cancelledSleepsLeaveTheTimeQueue(String carrier) {
        Kernels.run(carrier, () -> {
            List<Task<?>> sleepers = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                sleepers.add(Curio.spawn(() -> Curio.sleep(Duration.ofHours(1))));
            }
            Curio.schedule(); // every sleeper runs once and goes to sleep
            TaskLoop kernel = ((CurioKernel) curio.api.trap.Traps.kernel()).loop();
            assertTrue(kernel.timeQueueSize() >= 10_000, "sleeping: " + kernel.timeQueueSize());
            for (Task<?> t : sleepers) {
                t.cancel();
            }
            assertTrue(kernel.timeQueueSize() < 2_000, "stale entries left behind: " + kernel.timeQueueSize());
        });
    }

    /** Issue 24 item 2: a timeout block left before its deadline lets go of its task, as a cancelled sleep does. */
    @EachCarrier
    void timeoutBlocksLeftEarlyLetGoOfTheirTasks(String carrier) {
        Kernels.run(carrier, () -> {
            // one long-lived deadline earlier than none of the others: without release, every entry behind it stays
            Task<?> keeper = Curio.spawn(() -> Curio.ignoreAfter(Duration.ofHours(2), () -> Curio.sleep(Duration.ofHours(2))));
            long baseline = liveHeap();
            List<Task<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                tasks.add(Curio.spawn(() -> Curio.ignoreAfter(Duration.ofHours(1), () -> Curio.sleep(Duration.ofSeconds(1)))));
            }
            for (Task<?> t : tasks) {
                t.join();
            }
            java.lang.ref.WeakReference<Task<?>> one = new java.lang.ref.WeakReference<>(tasks.get(100_000));
            tasks.clear();
            TaskLoop kernel = ((CurioKernel) curio.api.trap.Traps.kernel()).loop();
            assertTrue(kernel.timeQueueSize() < 4_000, "stale timeout entries left behind: " + kernel.timeQueueSize());
            long grown = liveHeap() - baseline;
            assertTrue(one.refersTo(null), "a joined task is still reachable");
            assertTrue(grown < 15 << 20, "live heap grew by " + grown / 1024 + " KiB after the joins");
            keeper.cancel();
        });
    }

    private static long liveHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the lowest of three full collections: a concurrent one may lag
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
