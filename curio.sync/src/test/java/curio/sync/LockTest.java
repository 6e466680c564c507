package curio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.TaskTimeout;
import curio.test.EachCarrier;
import curio.test.Kernels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 6.4-6.6: Lock, RLock, Semaphore, BoundedSemaphore; FIFO with direct hand-off. */
class LockTest {

    private static List<Task<?>> contenders(List<String> log, Runnable acquire, Runnable release, String... names) {
        List<Task<?>> tasks = new ArrayList<>();
        for (String n : names) {
            tasks.add(Curio.spawn(() -> {
                acquire.run();
                log.add(n);
                Curio.sleep(Duration.ofMillis(10));
                release.run();
            }));
        }
        return tasks;
    }

    @EachCarrier
    void lockIsFifoAndTheReleaserCannotBargeBackIn(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Lock lock = new Lock();
            lock.acquire();
            List<Task<?>> tasks = contenders(log, lock::acquire, lock::release, "a", "b", "c");
            Curio.schedule();
            assertEquals(3, lock.statistics().waiting());
            lock.release();          // handed to a at once...
            assertTrue(lock.locked());
            lock.acquire();          // ...so the releaser queues behind b and c
            log.add("main");
            lock.release();
            for (Task<?> t : tasks) {
                t.join();
            }
            assertFalse(lock.locked());
        });
        assertEquals(List.of("a", "b", "c", "main"), log);
    }

    @EachCarrier
    void cancelledOrTimedOutWaiterLeavesTheLockAsItWas(String carrier) {
        Kernels.run(carrier, () -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<?> waiter = Curio.spawn(lock::acquire);
            Curio.schedule();
            waiter.cancel();
            assertInstanceOf(TaskCancelled.class, waiter.exception());
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofMillis(1), lock::acquire));
            assertEquals(new Lock.LockStatistics(true, 0), lock.statistics());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    @EachCarrier
    void wokenWaiterCancelledAfterTheHandOffStillOwnsTheLock(String carrier) {
        Kernels.run(carrier, () -> {
            Lock lock = new Lock();
            lock.acquire();
            List<String> log = new ArrayList<>();
            Task<?> waiter = Curio.spawn(() -> {
                lock.acquire();
                log.add("acquired, locked=" + lock.locked());
                lock.release();
                Curio.schedule(); // the pending cancellation lands here
            });
            Curio.schedule();
            lock.release();           // hand-off: waiter is ready and owns the lock
            waiter.cancel(false);     // too late to interrupt the acquire: stays pending
            waiter.awaitTermination();
            assertEquals(List.of("acquired, locked=true"), log);
            assertInstanceOf(TaskCancelled.class, waiter.exception());
            assertFalse(lock.locked());
        });
    }

    @EachCarrier
    void freeLockAcquireIsNotACancellationPointAndMisuseIsReported(String carrier) {
        Kernels.run(carrier, () -> {
            Lock lock = new Lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
            assertTrue(e.getMessage().contains("not acquired"));
            Curio.currentTask().cancel(false);
            try (Held held = lock.hold()) {
                assertTrue(lock.locked());
            }
            assertFalse(lock.locked());
            assertThrows(TaskCancelled.class, Curio::checkCancellation);
        });
    }

    @EachCarrier
    void rlockIsReentrantAndOwned(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            RLock lock = new RLock();
            assertThrows(IllegalStateException.class, lock::release);
            lock.acquire();
            lock.acquire();
            assertEquals(2, lock.depth());
            Task<?> other = Curio.spawn(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
                assertTrue(e.getMessage().contains("does not own"), e.getMessage());
                try (Held held = lock.hold()) {
                    log.add("other got it, depth " + lock.depth());
                }
            });
            Curio.sleep(Duration.ofMillis(5));
            log.add("main still holds");
            lock.release();
            assertTrue(lock.locked(), "one level is still held");
            lock.release();
            other.join();
            assertFalse(lock.locked());
        });
        assertEquals(List.of("main still holds", "other got it, depth 1"), log);
    }

    @EachCarrier
    void semaphoreHandsPermitsOffInFifoOrder(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Semaphore sem = new Semaphore(2);
            List<Task<?>> tasks = contenders(log, sem::acquire, sem::release, "a", "b", "c", "d", "e");
            for (Task<?> t : tasks) {
                t.join();
            }
            assertEquals(2, sem.value());
        });
        assertEquals(List.of("a", "b", "c", "d", "e"), log);
    }

    @EachCarrier
    void semaphoreOverReleaseRisesButBoundedRefuses(String carrier) {
        Kernels.run(carrier, () -> {
            Semaphore sem = new Semaphore(1);
            sem.release();
            sem.release();
            assertEquals(3, sem.value());
            BoundedSemaphore bounded = new BoundedSemaphore(1);
            try (Held h = bounded.hold()) {
                assertTrue(bounded.locked());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, bounded::release);
            assertTrue(e.getMessage().contains("bound 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        });
    }

    @EachCarrier
    void semaphoreWaiterTimeoutLeavesNothingBehind(String carrier) {
        Kernels.run(carrier, () -> {
            Semaphore sem = new Semaphore(0);
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofSeconds(1), sem::acquire));
            assertEquals(0, sem.waiting());
            sem.release();
            assertEquals(1, sem.value());
        });
    }
}
