package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Kernel;
import curio.sync.UniversalQueue;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * No kernel ever blocks a JDK carrier thread in a system call, whatever the selector and carrier:
 * four kernels per core, fed by one thread through a UniversalQueue, move every item, and the
 * application's own virtual threads keep running meanwhile. (Before the virtual carrier handed its
 * blocking polls to a platform thread, epoll + virtual with three kernels on two cores stalled.)
 */
class ManyKernelsTest {

    private static final String STOP = "stop";

    @EachBackend
    void fourKernelsPerCoreShareTheMachineWithApplicationVirtualThreads(String backend) throws Exception {
        int kernels = 4 * Runtime.getRuntime().availableProcessors();
        int items = 1_000;
        UniversalQueue<String> queue = new UniversalQueue<>();
        AtomicInteger moved = new AtomicInteger();
        List<Thread> kernelThreads = new ArrayList<>();
        for (int i = 0; i < kernels; i++) {
            kernelThreads.add(Thread.ofPlatform().daemon(true).name("kernel-" + i).start(() -> {
                try (Kernel k = Kernels.realTime(backend)) {
                    k.run(() -> {
                        for (String item = queue.get(); !item.equals(STOP); item = queue.get()) {
                            moved.incrementAndGet();
                        }
                    });
                }
            }));
        }
        int appThreads = 16;
        AtomicLongArray progress = new AtomicLongArray(appThreads);
        List<Thread> app = new ArrayList<>();
        for (int i = 0; i < appThreads; i++) {
            int slot = i;
            app.add(Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    progress.incrementAndGet(slot);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        Thread.sleep(200); // every kernel now waits in its poll
        long[] before = new long[appThreads];
        for (int i = 0; i < appThreads; i++) {
            before[i] = progress.get(i);
        }
        for (int i = 0; i < items; i++) {
            queue.put("item " + i);
        }
        for (int i = 0; i < kernels; i++) {
            queue.put(STOP);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // for all of them together
        for (Thread t : kernelThreads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertTrue(!t.isAlive(), "a kernel is stuck: " + moved.get() + " of " + items + " items moved");
        }
        assertEquals(items, moved.get());
        Thread.sleep(100);
        for (int i = 0; i < appThreads; i++) {
            assertTrue(progress.get(i) > before[i], "application virtual thread " + i + " was starved");
        }
        for (Thread t : app) {
            t.interrupt();
            t.join();
        }
    }
}
