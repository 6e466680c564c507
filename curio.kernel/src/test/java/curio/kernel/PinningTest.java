package curio.kernel;

import curio.test.EachBackend;
import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import java.time.Duration;

/** A blocking curio call inside a synchronized block suspends the task on both carriers (JDK 24+ monitors do not pin). */
class PinningTest {

    @EachCarrier
    void suspendingInsideSynchronized(String carrier) {
        Object lock = new Object();
        String outcome = Kernels.run(carrier, () -> {
            try {
                synchronized (lock) {
                    Curio.sleep(Duration.ofMillis(1));
                }
                return "suspended";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
        assertEquals("suspended", outcome);
    }

    /**
     * Issue 24 item 1: a kernel started on a virtual thread never blocks a JDK carrier thread in its poll. With
     * as many idle kernels as the virtual scheduler has carriers, each started on a virtual thread and waiting
     * on a future, an application's own virtual thread must still run.
     */
    @EachBackend
    void idleKernelsOnVirtualThreadsLeaveTheCarriersFree(String backend) throws Exception {
        int kernels = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.CountDownLatch idle = new java.util.concurrent.CountDownLatch(kernels);
        java.util.concurrent.CompletableFuture<Void> stop = new java.util.concurrent.CompletableFuture<>();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < kernels; i++) {
                threads.add(Thread.ofVirtual().start(() -> Kernels.realTime(backend, () -> {
                    idle.countDown();
                    return curio.api.trap.Traps.futureWait(stop, null); // idle in the poll, no deadline
                })));
            }
            assertTrue(idle.await(30, java.util.concurrent.TimeUnit.SECONDS), "the kernels started");
            Thread.sleep(100); // each is now in its poll
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
            Thread.ofVirtual().start(ran::countDown);
            assertTrue(ran.await(1, java.util.concurrent.TimeUnit.SECONDS),
                    "an application virtual thread did not run beside " + kernels + " idle kernels");
        } finally {
            stop.complete(null);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
