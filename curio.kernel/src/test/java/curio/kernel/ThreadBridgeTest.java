package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.trap.Traps;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** CURIO-SPEC 8.1-8.2 and the cross-thread entry: runInThread and future waits. */
class ThreadBridgeTest {

    @EachCarrier
    void runInThreadReturnsValueOrRaisesTheExceptionItself(String carrier) {
        IOException boom = new IOException("disk");
        Kernels.run(carrier, () -> {
            String thread = Curio.runInThread(() -> Thread.currentThread().getName());
            assertTrue(thread.contains("worker"), thread);
            assertSame(boom, assertThrows(IOException.class, () -> Curio.runInThread(() -> {
                throw boom;
            })));
        });
    }

    @EachCarrier
    void cancellationReturnsAtOnceAndTheWorkFinishesAsAZombie(String carrier) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Kernels.run(carrier, () -> {
            Task<?> t = Curio.spawn(() -> Curio.runInThread(() -> {
                release.await();
                finished.countDown();
                return "late";
            }));
            Curio.sleep(Duration.ofMillis(10));
            t.cancel();
            assertTrue(t.exception() instanceof TaskCancelled);
            assertEquals(1, finished.getCount(), "cancel did not wait for the thread");
            assertEquals("again", Curio.runInThread(() -> "again"), "the pool still serves");
        });
        release.countDown();
        assertTrue(finished.await(10, TimeUnit.SECONDS));
    }

    @EachCarrier
    void pendingCancellationMeansTheWorkNeverStarts(String carrier) {
        AtomicBoolean ran = new AtomicBoolean();
        Kernels.run(carrier, () -> {
            Curio.currentTask().cancel(false);
            assertThrows(TaskCancelled.class, () -> Curio.runInThread(() -> ran.getAndSet(true)));
        });
        assertFalse(ran.get());
    }

    @EachCarrier
    void poolIsBounded(String carrier) {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch twoRunning = new CountDownLatch(1);
        try (Kernel k = Kernel.builder().carrier(carrier).maxWorkerThreads(2).build()) {
            k.run(() -> {
                List<Task<Object>> tasks = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    tasks.add(Curio.spawn(() -> Curio.runInThread(() -> {
                        int running = now.incrementAndGet();
                        peak.accumulateAndGet(running, Math::max);
                        if (running == 2) {
                            twoRunning.countDown();
                        }
                        twoRunning.await(10, TimeUnit.SECONDS); // the first two meet, whatever the load
                        Thread.sleep(5);
                        now.decrementAndGet();
                        return null;
                    })));
                }
                for (Task<Object> t : tasks) {
                    t.join();
                }
            });
        }
        assertEquals(2, peak.get());
    }

    @EachCarrier
    void futureCompletedByAnotherThreadWakesTheTask(String carrier) {
        Kernels.run(carrier, () -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> f.complete("from a thread"));
            assertEquals("from a thread", Traps.futureWait(f, null));
        });
    }

    @EachCarrier
    void manyThreadsWakeManyTasks(String carrier) {
        int n = 200;
        Kernels.run(carrier, () -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int v = i;
                tasks.add(Curio.spawn(() -> Curio.runInThread(() -> v * 2)));
            }
            int sum = 0;
            for (Task<Integer> t : tasks) {
                sum += t.join();
            }
            assertEquals(n * (n - 1), sum);
        });
    }

    @EachCarrier
    void timeoutAroundRunInThreadUsesRealTimeWhileAThreadWorks(String carrier) {
        Kernels.run(carrier, () -> {
            CountDownLatch never = new CountDownLatch(1);
            assertThrows(curio.api.TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofMillis(50),
                    () -> Curio.runInThread(() -> never.await(10, TimeUnit.SECONDS))));
            never.countDown();
        });
    }
}
