package curio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import curio.api.Curio;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.TaskTimeout;
import curio.test.EachCarrier;
import curio.test.Kernels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 6.7: Condition. */
class ConditionTest {

    @EachCarrier
    void signalWakesWaitersInFifoOrder(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Condition cond = new Condition();
            List<Task<?>> tasks = new ArrayList<>();
            for (String n : List.of("a", "b", "c", "d")) {
                tasks.add(Curio.spawn(() -> {
                    try (Held h = cond.hold()) {
                        cond.await();
                        log.add(n);
                    }
                }));
            }
            Curio.schedule();
            assertEquals(4, cond.waiting());
            try (Held h = cond.hold()) {
                cond.signal();
            }
            Curio.sleep(Duration.ofMillis(1));
            try (Held h = cond.hold()) {
                cond.signal(2);
            }
            Curio.sleep(Duration.ofMillis(1));
            try (Held h = cond.hold()) {
                cond.signalAll();
                cond.signal(5); // more than waiting: wakes those there are (Curio 1.6 crashed)
            }
            for (Task<?> t : tasks) {
                t.join();
            }
        });
        assertEquals(List.of("a", "b", "c", "d"), log);
    }

    @EachCarrier
    void awaitUntilRechecksThePredicate(String carrier) {
        Kernels.run(carrier, () -> {
            Condition cond = new Condition(new Lock());
            List<Integer> items = new ArrayList<>();
            Task<Integer> consumer = Curio.spawn(() -> {
                try (Held h = cond.hold()) {
                    return cond.awaitUntil(() -> items.isEmpty() ? null : items.remove(0));
                }
            });
            Curio.schedule();
            try (Held h = cond.hold()) {
                cond.signal(); // nothing there yet: the consumer waits again
            }
            Curio.sleep(Duration.ofMillis(1));
            try (Held h = cond.hold()) {
                items.add(42);
                cond.signal();
            }
            assertEquals(42, consumer.join());
        });
    }

    @EachCarrier
    void cancelledWaiterReacquiresTheLockBeforeTheCancellationEscapes(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Condition cond = new Condition();
            Task<?> waiter = Curio.spawn(() -> {
                cond.acquire();
                try {
                    cond.await();
                } catch (TaskCancelled e) {
                    log.add("escaped holding the lock: " + cond.locked());
                    cond.release();
                    throw e;
                }
            });
            Curio.schedule();
            cond.acquire();
            waiter.cancel(false);
            Curio.sleep(Duration.ofMillis(10));
            log.add("main releases");
            cond.release();
            waiter.awaitTermination();
            assertInstanceOf(TaskCancelled.class, waiter.exception());
            assertFalse(cond.locked());
        });
        assertEquals(List.of("main releases", "escaped holding the lock: true"), log);
    }

    @EachCarrier
    void timeoutWhileWaitingAlsoReacquires(String carrier) {
        Kernels.run(carrier, () -> {
            Condition cond = new Condition();
            try (Held h = cond.hold()) {
                assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofSeconds(1), cond::await));
                assertEquals(true, cond.locked());
            }
            assertEquals(0, cond.waiting());
        });
    }

    @EachCarrier
    void misuseIsReported(String carrier) {
        Kernels.run(carrier, () -> {
            Condition cond = new Condition();
            assertThrows(IllegalStateException.class, cond::await);
            assertThrows(IllegalStateException.class, cond::signal);
            try (Held h = cond.hold()) {
                cond.signal(); // no waiters: nothing happens
                assertThrows(IllegalArgumentException.class, () -> cond.signal(-1));
            }
            assertThrows(NullPointerException.class, () -> new Condition(null));
        });
    }
}
