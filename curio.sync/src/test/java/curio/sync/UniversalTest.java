package curio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.CurioException;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskTimeout;
import curio.test.EachCarrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** CURIO-SPEC 6.8, 6.9, 7.3: the universal bridges between tasks and threads. */
class UniversalTest {

    /** A real-clock kernel: universal waits follow real time, as the other side is a thread. */
    private static Kernel kernel(String carrier) {
        return Kernel.builder().carrier(carrier).build();
    }

    @EachCarrier
    void threadToTaskAndTaskToThread(String carrier) throws Exception {
        UniversalQueue<String> toTask = new UniversalQueue<>();
        UniversalQueue<String> toThread = new UniversalQueue<>();
        Thread echo = Thread.ofPlatform().start(() -> toThread.put("echo " + toTask.get()));
        try (Kernel k = kernel(carrier)) {
            String reply = k.run(() -> {
                toTask.put("hello");
                return toThread.get();
            });
            assertEquals("echo hello", reply);
        }
        echo.join();
    }

    @EachCarrier
    void boundedPutBlocksAThreadUntilATaskGets(String carrier) throws Exception {
        UniversalQueue<Integer> q = new UniversalQueue<>(1);
        q.put(1);
        assertTrue(q.isFull(), "Curio 1.6 always said false here");
        CountDownLatch started = new CountDownLatch(1);
        Thread producer = Thread.ofPlatform().start(() -> {
            started.countDown();
            q.put(2); // blocks until the task takes 1
        });
        started.await();
        try (Kernel k = kernel(carrier)) {
            assertEquals(List.of(1, 2), k.run(() -> List.of(q.get(), q.get())));
        }
        producer.join();
    }

    @EachCarrier
    void joinFromATaskWaitsForThreadsTaskDone(String carrier) throws Exception {
        UniversalQueue<Integer> q = new UniversalQueue<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 3; i++) {
                q.get();
                q.taskDone();
            }
        });
        try (Kernel k = kernel(carrier)) {
            k.run(() -> {
                for (int i = 0; i < 3; i++) {
                    q.put(i);
                }
                q.join();
            });
        }
        worker.join();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @EachCarrier
    void timingOutConsumerReceivesEveryItemInOrder(String carrier) throws Exception {
        UniversalQueue<Integer> q = new UniversalQueue<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 10; i++) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                q.put(i);
            }
        });
        List<Integer> received = new ArrayList<>();
        try (Kernel k = kernel(carrier)) {
            k.run(() -> {
                while (received.size() < 10) {
                    try {
                        received.add(Curio.timeoutAfter(Duration.ofNanos(500_000), q::get));
                    } catch (TaskTimeout e) {
                        // keep trying: a timeout never costs an item
                    }
                }
            });
        }
        producer.join();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), received);
    }

    @EachCarrier
    void cancelledTaskGetterLeavesNothingBehind(String carrier) {
        UniversalQueue<String> q = new UniversalQueue<>();
        try (Kernel k = kernel(carrier)) {
            k.run(() -> {
                Task<String> g = Curio.spawn(q::get);
                Curio.sleep(Duration.ofMillis(1));
                g.cancel();
                q.put("kept");
                assertEquals(1, q.size(), "the cancelled getter did not take it");
                assertEquals("kept", q.get());
            });
        }
    }

    @Test
    void interruptedThreadGetterLosesNothing() throws Exception {
        UniversalQueue<String> q = new UniversalQueue<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread getter = Thread.ofPlatform().start(() -> {
            try {
                q.get();
            } catch (Throwable t) {
                seen.set(t);
                seen.compareAndSet(t, Thread.currentThread().isInterrupted() ? t : new AssertionError("flag lost"));
            }
        });
        while (getter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        getter.interrupt();
        getter.join();
        assertTrue(seen.get() instanceof CurioException, String.valueOf(seen.get()));
        q.put("x");
        assertEquals("x", q.get());
    }

    @Test
    void asyncFormsForOtherEventLoops() throws Exception {
        UniversalQueue<String> q = new UniversalQueue<>();
        CompletableFuture<String> first = q.getAsync();
        CompletableFuture<String> second = q.getAsync();
        first.cancel(false); // withdrawn: the item goes to the next getter
        q.put("a");
        assertEquals("a", second.get(10, TimeUnit.SECONDS));
        assertTrue(q.putAsync("b").isDone());
        assertEquals("b", q.getAsync().get());

        UniversalEvent e = new UniversalEvent();
        CompletableFuture<Void> waiting = e.awaitAsync();
        assertFalse(waiting.isDone());
        e.set();
        assertTrue(waiting.isDone());
        e.clear();
        assertFalse(e.awaitAsync().isDone());
    }

    @EachCarrier
    void universalEventSetByAThreadWakesTasksOnTwoKernels(String carrier) throws Exception {
        UniversalEvent go = new UniversalEvent();
        List<Thread> kernels = new ArrayList<>();
        UniversalQueue<String> done = new UniversalQueue<>();
        for (String name : List.of("k1", "k2")) {
            kernels.add(Thread.ofPlatform().start(() -> {
                try (Kernel k = kernel(carrier)) {
                    k.run(() -> {
                        go.await();
                        done.put(name);
                    });
                }
            }));
        }
        Thread.sleep(20);
        go.set();
        List<String> names = new ArrayList<>(List.of(done.get(), done.get()));
        names.sort(null);
        assertEquals(List.of("k1", "k2"), names);
        for (Thread t : kernels) {
            t.join();
        }
        go.await(); // set: returns at once from a thread too
    }

    @EachCarrier
    void universalResultCrossesWorldsBothWays(String carrier) throws Exception {
        UniversalResult<Integer> fromThread = new UniversalResult<>();
        UniversalResult<Integer> fromTask = new UniversalResult<>();
        IllegalStateException boom = new IllegalStateException("boom");
        UniversalResult<Integer> failed = new UniversalResult<>();
        Thread t = Thread.ofPlatform().start(() -> {
            fromThread.set(20);
            failed.setException(boom);
        });
        try (Kernel k = kernel(carrier)) {
            k.run(() -> {
                fromTask.set(fromThread.unwrap() + 1);
                assertSame(boom, assertThrows(IllegalStateException.class, failed::unwrap));
            });
        }
        t.join();
        assertEquals(21, fromTask.unwrap());
        assertThrows(IllegalStateException.class, () -> fromTask.set(1));
        assertTrue(fromTask.isSet());
    }
}
