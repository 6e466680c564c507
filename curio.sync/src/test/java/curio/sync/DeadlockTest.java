package curio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.DeadlockException;
import curio.api.Kernel;
import curio.api.Task;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Issue 17 over the sync primitives: global deadlocks, lock-order cycles, and waits that are not deadlocks. */
class DeadlockTest {

    private static String deadlock(String backend, curio.api.AsyncRunnable<?> main) {
        return assertThrows(DeadlockException.class, () -> Kernels.run(backend, main)).getMessage();
    }

    @EachBackend
    void anEventNeverSet(String backend) {
        Event never = new Event();
        String report = deadlock(backend, () -> never.await());
        assertTrue(report.contains("'main' EVENT_WAIT on Event[unset, waiting=1]"), report);
        assertTrue(report.contains("curio.sync.DeadlockTest.lambda$"), "the user's line: " + report);
    }

    @EachBackend
    void aQueueGetWithNoProducer(String backend) {
        Queue<String> q = new Queue<>();
        String report = deadlock(backend, () -> {
            Task<String> consumer = Curio.spawn(q::get);
            consumer.join();
        });
        assertTrue(report.contains("QUEUE_GET on Queue"), report);
    }

    @EachBackend
    void aConditionNeverSignalled(String backend) {
        Condition c = new Condition();
        String report = deadlock(backend, () -> {
            try (var held = c.hold()) {
                c.await();
            }
        });
        assertTrue(report.contains("on Condition["), report);
    }

    @EachBackend
    void twoTasksEachHoldingTheLockTheOtherWants(String backend) {
        Lock a = new Lock();
        Lock b = new Lock();
        String report = deadlock(backend, () -> {
            Task<?> one = Curio.spawn(() -> {
                try (var ha = a.hold()) {
                    Curio.sleep(Duration.ofMillis(1));
                    try (var hb = b.hold()) {
                        return;
                    }
                }
            });
            Task<?> two = Curio.spawn(() -> {
                try (var hb = b.hold()) {
                    Curio.sleep(Duration.ofMillis(1));
                    try (var ha = a.hold()) {
                        return;
                    }
                }
            });
            one.join();
            two.join();
        });
        assertTrue(report.contains("cycle: task "), report);
        assertTrue(report.contains("LOCK_ACQUIRE on Lock@"), report);
    }

    @EachBackend
    void aLockOrderCycleIsFoundWhileOtherTasksRun(String backend) {
        Kernels.run(backend, () -> {
            RLock a = new RLock();
            RLock b = new RLock();
            Task<?> one = Curio.spawn(() -> {
                a.acquire();
                Curio.sleep(Duration.ofMillis(1));
                b.acquire();
            });
            Task<?> two = Curio.spawn(() -> {
                b.acquire();
                Curio.sleep(Duration.ofMillis(1));
                a.acquire();
            });
            Curio.sleep(Duration.ofMillis(10));
            List<List<Task<?>>> cycles = Curio.deadlocks();
            assertEquals(1, cycles.size(), cycles.toString());
            assertEquals(Set.of(one, two), Set.copyOf(cycles.getFirst()));
            one.cancel();
            two.cancel();
        });
    }

    @EachBackend
    void aLockHeldByASleeperIsNoCycle(String backend) {
        Kernels.run(backend, () -> {
            Lock lock = new Lock();
            Task<?> holder = Curio.spawn(() -> {
                try (var held = lock.hold()) {
                    Curio.sleep(Duration.ofMillis(100));
                }
            });
            Task<?> waiter = Curio.spawn(() -> {
                Curio.schedule();
                lock.acquire();
                lock.release();
            });
            Curio.sleep(Duration.ofMillis(10));
            assertEquals(List.of(), Curio.deadlocks());
            holder.join();
            waiter.join();
        });
    }

    @EachBackend
    void aUniversalQueueAThreadWillFillIsNotADeadlock(String backend) {
        UniversalQueue<String> q = new UniversalQueue<>();
        try (Kernel k = Kernels.open(backend)) {
            assertEquals("late", k.run(() -> {
                Thread.ofPlatform().start(() -> {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ignored) {
                        // put anyway
                    }
                    q.put("late");
                });
                return q.get();
            }));
        }
    }
}
