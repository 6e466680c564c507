package curio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.api.TaskTimeout;
import curio.test.CurioTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 6.2-6.3: Event and Result. Each test is a kernel's main task (@CurioTest). */
class EventResultTest {

    @CurioTest
    void setWakesEveryWaiter() {
        List<String> log = new ArrayList<>();
        Event e = new Event();
        List<Task<?>> waiters = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) {
            waiters.add(Curio.spawn(() -> {
                e.await();
                log.add(n);
            }));
        }
        Curio.schedule();
        assertEquals(3, e.statistics().waiting());
        e.set();
        assertTrue(e.isSet());
        for (Task<?> t : waiters) {
            t.join();
        }
        e.set(); // again: harmless
        assertEquals(List.of("a", "b", "c"), log);
    }

    @CurioTest
    void awaitOnASetEventIsNotACancellationPoint() {
        Event e = new Event();
        e.set();
        Curio.currentTask().cancel(false);
        e.await(); // returns at once: the pending cancellation is not raised here
        assertTrue(Curio.pendingCancellation() != null);
        assertThrows(curio.api.TaskCancelled.class, Curio::checkCancellation);
    }

    @CurioTest
    void clearMakesLaterWaitersBlockAndTimeoutsLeaveNothingBehind() {
        Event e = new Event();
        e.set();
        e.clear();
        assertFalse(e.isSet());
        assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofSeconds(1), e::await));
        assertEquals(0, e.statistics().waiting());
    }

    @CurioTest
    void resultHandsOverAValueOrTheExceptionItself() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Result<String> r = new Result<>();
        Task<String> reader = Curio.spawn(r::unwrap);
        Curio.sleep(Duration.ofSeconds(1));
        assertFalse(r.isSet());
        r.set("value");
        assertEquals("value", reader.join());
        assertEquals("value", r.unwrap());
        assertThrows(IllegalStateException.class, () -> r.set("again"));

        Result<String> failed = new Result<>();
        failed.setException(boom);
        assertSame(boom, assertThrows(IllegalArgumentException.class, failed::unwrap));
        assertThrows(IllegalStateException.class, () -> failed.setException(boom));
    }
}
