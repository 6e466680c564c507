package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.AsyncThread;
import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.TaskError;
import curio.test.EachCarrier;
import curio.test.Kernels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** CURIO-SPEC 8.3 and 8.6: async threads and block_in_thread. */
class AsyncThreadTest {

    private static <T> T run(String carrier, curio.api.AsyncCallable<T, ?> main) {
        return Kernels.realTime(carrier, main);
    }

    @EachCarrier
    void aThreadAwaitsAsyncCodeAndIsJoinedLikeATask(String carrier) {
        String out = run(carrier, () -> {
            Task<String> t = Curio.spawnThread(() -> {
                assertTrue(AsyncThread.inAsyncThread());
                long t0 = AsyncThread.await(Curio::clock);
                AsyncThread.await(() -> Curio.sleep(Duration.ofMillis(20)));
                long t1 = AsyncThread.await(Curio::clock);
                Thread.sleep(5); // ordinary blocking code: only this thread waits
                return "slept " + (t1 - t0 >= 20_000_000L);
            });
            return t.join();
        });
        assertEquals("slept true", out);
    }

    @EachCarrier
    void failuresAndCancellationReachTheJoiner(String carrier) {
        IllegalStateException boom = new IllegalStateException("boom");
        run(carrier, () -> {
            Task<Object> failing = Curio.spawnThread(() -> {
                throw boom;
            });
            assertSame(boom, assertThrows(TaskError.class, failing::join).getCause());

            AtomicInteger awaits = new AtomicInteger();
            Task<Object> looping = Curio.spawnThread(() -> {
                while (true) {
                    AsyncThread.await(() -> Curio.sleep(Duration.ofMillis(2)));
                    awaits.incrementAndGet();
                }
            });
            Curio.sleep(Duration.ofMillis(30));
            looping.cancel();
            assertInstanceOf(TaskCancelled.class, looping.exception(), "raised at the thread's next await");
            assertTrue(awaits.get() > 0);
            return null;
        });
    }

    @Test
    void awaitFromAnOrdinaryThreadFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AsyncThread.await(Curio::clock));
        assertTrue(e.getMessage().contains("not an async thread"), e.getMessage());
    }

    @EachCarrier
    void blockInThreadSerialisesCallsOnOneCallable(String carrier) {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        curio.api.BlockingCallable<Integer, InterruptedException> shared = () -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            Thread.sleep(10);
            now.decrementAndGet();
            return 1;
        };
        int total = run(carrier, () -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tasks.add(Curio.spawn(() -> Curio.blockInThread(shared)));
            }
            Task<Integer> cancelled = Curio.spawn(() -> Curio.blockInThread(shared));
            Curio.sleep(Duration.ofMillis(5));
            cancelled.cancel(); // a queued caller just leaves the queue
            int sum = 0;
            for (Task<Integer> t : tasks) {
                sum += t.join();
            }
            return sum + Curio.blockInThread(shared); // the gate is reusable after everyone left
        });
        assertEquals(6, total);
        assertEquals(1, peak.get(), "one thread at a time for one callable");
    }
}
