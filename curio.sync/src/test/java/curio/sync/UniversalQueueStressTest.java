package curio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.CancelledError;
import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.test.EachCarrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;

/**
 * 8 producer threads and 8 consumer tasks on 2 kernels move 1,000,000 numbered items through one
 * UniversalQueue: every item arrives exactly once, also when consumers are cancelled at random points.
 */
class UniversalQueueStressTest {

    private static final int ITEMS = 1_000_000;
    private static final int PRODUCERS = 8;
    private static final int KERNELS = 2;
    private static final int CONSUMERS_PER_KERNEL = 4;

    private final UniversalQueue<Integer> queue = new UniversalQueue<>();
    private final AtomicIntegerArray received = new AtomicIntegerArray(ITEMS);
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private List<Thread> producers(boolean throttled) {
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int from = p * (ITEMS / PRODUCERS);
            int to = p == PRODUCERS - 1 ? ITEMS : from + ITEMS / PRODUCERS;
            threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                for (int i = from; i < to; i++) {
                    queue.put(i);
                    if (throttled && i % 64 == 0) {
                        LockSupport.parkNanos(20_000); // let the queue run dry, so consumers wait in get()
                    }
                }
            }));
        }
        return threads;
    }

    private final AtomicInteger cancelledInGet = new AtomicInteger();

    private void consume() {
        while (true) {
            int item;
            try {
                item = queue.get();
            } catch (CancelledError e) {
                cancelledInGet.incrementAndGet();
                throw e;
            }
            if (item < 0) {
                return;
            }
            received.incrementAndGet(item);
            total.incrementAndGet();
        }
    }

    private Thread onKernel(String carrier, String name, curio.api.AsyncRunnable<RuntimeException> main) {
        return Thread.ofPlatform().name(name).start(() -> {
            try (Kernel k = Kernel.builder().carrier(carrier).build()) {
                k.run(main);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
    }

    private void assertEveryItemExactlyOnce() {
        if (failure.get() != null) {
            throw new AssertionError("a kernel failed", failure.get());
        }
        int missing = 0;
        int duplicated = 0;
        for (int i = 0; i < ITEMS; i++) {
            int n = received.get(i);
            if (n == 0) missing++;
            if (n > 1) duplicated++;
        }
        assertEquals(0, missing, "items lost");
        assertEquals(0, duplicated, "items received twice");
        assertEquals(ITEMS, total.get());
    }

    @EachCarrier
    @Timeout(300)
    void everyItemExactlyOnce(String carrier) throws Exception {
        List<Thread> kernels = new ArrayList<>();
        for (int k = 0; k < KERNELS; k++) {
            kernels.add(onKernel(carrier, "kernel-" + k, () -> {
                List<Task<?>> consumers = new ArrayList<>();
                for (int c = 0; c < CONSUMERS_PER_KERNEL; c++) {
                    consumers.add(Curio.spawn(this::consume));
                }
                for (Task<?> t : consumers) {
                    t.join();
                }
            }));
        }
        for (Thread p : producers(false)) {
            p.join();
        }
        for (int c = 0; c < KERNELS * CONSUMERS_PER_KERNEL; c++) {
            queue.put(-1); // one end marker per consumer
        }
        for (Thread k : kernels) {
            k.join();
        }
        assertEveryItemExactlyOnce();
        assertTrue(queue.isEmpty());
    }

    @EachCarrier
    @Timeout(300)
    void everyItemExactlyOnceWhileConsumersAreCancelledAtRandom(String carrier) throws Exception {
        AtomicInteger cancellations = new AtomicInteger();
        List<Thread> kernels = new ArrayList<>();
        for (int k = 0; k < KERNELS; k++) {
            kernels.add(onKernel(carrier, "kernel-" + k, () -> {
                List<Task<?>> consumers = new ArrayList<>();
                for (int c = 0; c < CONSUMERS_PER_KERNEL; c++) {
                    consumers.add(Curio.spawn(this::consume));
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (total.get() < ITEMS) {
                    Curio.sleep(Duration.ofNanos(random.nextLong(5_000, 50_000)));
                    int victim = random.nextInt(consumers.size());
                    consumers.get(victim).cancel();   // wherever it is: in get() or between items
                    cancellations.incrementAndGet();
                    consumers.set(victim, Curio.spawn(this::consume));
                }
                for (Task<?> t : consumers) {
                    t.cancel();
                }
            }));
        }
        for (Thread p : producers(true)) {
            p.join();
        }
        for (Thread k : kernels) {
            k.join();
        }
        assertEveryItemExactlyOnce();
        assertTrue(cancellations.get() > 100, "consumers were cancelled " + cancellations.get() + " times");
        assertTrue(cancelledInGet.get() > 50, "cancellations that hit a waiting get(): " + cancelledInGet.get());
    }
}
