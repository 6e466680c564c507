package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.TaskGroup;
import curio.api.TaskGroup.Wait;
import curio.api.TaskTimeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** CURIO-SPEC 3: task groups, wait policies and result properties. */
class TaskGroupTest {

    static Object after(int seconds, Object value) {
        Curio.sleep(Duration.ofSeconds(seconds));
        return value;
    }

    static Object failAfter(int seconds, RuntimeException e) {
        Curio.sleep(Duration.ofSeconds(seconds));
        throw e;
    }

    @EachCarrier
    void allWaitsForEveryTaskAndKeepsResultsInIdOrder(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup.run(Wait.ALL, g -> {
                g.spawn(() -> after(3, "a"));
                g.spawn(() -> after(1, "b"));
                g.spawn(() -> after(2, "c"));
                g.join();
                assertEquals(List.of("a", "b", "c"), g.results());
                assertEquals(Arrays.asList(null, null, null), g.exceptions());
                assertEquals("b", g.result(), "completed is the first to finish");
                assertNull(g.exception());
                return null;
            });
        });
    }

    @EachCarrier
    void allStopsAtTheFirstFailureAndCancelsTheRest(String carrier) {
        IllegalStateException boom = new IllegalStateException("boom");
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup();
            Task<?> slow = g.spawn(() -> after(10, "slow"));
            g.spawn(() -> after(1, "fast"));
            Task<?> bad = g.spawn(() -> failAfter(2, boom));
            long start = Curio.clock();
            g.join(); // never raises for a member's failure
            assertEquals(Duration.ofSeconds(2).toNanos(), Curio.clock() - start);
            assertEquals("fast", g.result(), "completed is the first task examined, success or not");
            assertNull(g.exception());
            assertSame(boom, bad.exception());
            assertInstanceOf(TaskCancelled.class, slow.exception());
            List<Throwable> ex = g.exceptions();
            assertInstanceOf(TaskCancelled.class, ex.get(0));
            assertNull(ex.get(1));
            assertSame(boom, ex.get(2));
            assertSame(boom, assertThrows(IllegalStateException.class, g::results),
                    "results raises the failure that ended the group, not the cancellation it caused");
        });
    }

    @EachCarrier
    void resultsThrowTheRealFailureNotTheSiblingsCancellation(String carrier) {
        java.io.IOException real = new java.io.IOException("the real cause");
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup(Wait.ALL);
            Task<?> sibling = g.spawn(() -> after(10, "never"));
            g.spawn(() -> {
                Curio.sleep(Duration.ofSeconds(1));
                throw real;
            });
            g.join();
            assertInstanceOf(TaskCancelled.class, sibling.exception());
            assertSame(real, g.exception());
            assertSame(real, assertThrows(java.io.IOException.class, g::results));
            assertSame(real, assertThrows(java.io.IOException.class, g::result));
        });
    }

    @EachCarrier
    void cancelledAfterTheWaitIsStillReportedInIdOrder(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup(Wait.ANY);
            g.spawn(() -> after(10, "slow"));
            g.spawn(() -> after(1, "fast"));
            g.join();
            assertNull(g.exception());
            assertThrows(TaskCancelled.class, g::results, "no failure ended the wait: Curio's order stands");
        });
    }

    @EachCarrier
    void firstFinishedFailureIsTheGroupsException(String carrier) {
        IllegalStateException boom = new IllegalStateException("boom");
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup();
            g.spawn(() -> after(5, "slow"));
            Task<?> bad = g.spawn(() -> failAfter(1, boom));
            g.join();
            assertSame(bad, g.completed());
            assertSame(boom, g.exception());
            assertSame(boom, assertThrows(IllegalStateException.class, g::result));
        });
    }

    @EachCarrier
    void anyReturnsTheFirstToFinish(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup(Wait.ANY);
            g.spawn(() -> after(3, "c"));
            g.spawn(() -> after(1, "a"));
            g.join();
            assertEquals("a", g.result());
            assertEquals(2, g.tasks().size());
            assertInstanceOf(TaskCancelled.class, g.tasks().get(0).exception());
        });
    }

    @EachCarrier
    void objectSkipsNullResults(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup(Wait.OBJECT);
            g.spawn(() -> after(1, null));
            g.spawn(() -> after(2, "value"));
            g.spawn(() -> after(3, "later"));
            g.join();
            assertEquals("value", g.result());

            TaskGroup none = new TaskGroup(Wait.OBJECT);
            none.spawn(() -> after(1, null));
            none.spawn(() -> after(2, null));
            none.join();
            assertNull(none.exception());
            IllegalStateException e = assertThrows(IllegalStateException.class, none::result);
            assertEquals("No task successfully completed", e.getMessage());
        });
    }

    @EachCarrier
    void noneCancelsEverythingAtOnce(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup(Wait.NONE);
            Task<?> a = g.spawn(() -> after(1, "a"));
            Task<?> d = Curio.spawnDaemon(() -> after(1, "d"));
            g.add(d);
            long start = Curio.clock();
            g.join();
            assertEquals(start, Curio.clock());
            assertTrue(a.cancelled() && d.cancelled());
            assertNull(g.completed());
        });
    }

    @EachCarrier
    void explicitlyJoinedMemberLeavesTheGroup(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup();
            Task<?> t1 = g.spawn(() -> failAfter(1, new IllegalArgumentException("t1")));
            g.spawn(() -> after(2, 4));
            g.spawn(() -> after(3, 6));
            assertThrows(curio.api.TaskError.class, t1::join);
            g.join();
            assertEquals(List.of(4, 6), g.results());
        });
    }

    @EachCarrier
    void nextDoneIteratesInCompletionOrder(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup();
            g.spawn(() -> after(3, "c"));
            g.spawn(() -> after(1, "a"));
            g.spawn(() -> after(2, "b"));
            List<Object> order = new ArrayList<>();
            Task<?> t;
            while ((t = g.nextDone()) != null) {
                order.add(t.result());
            }
            assertEquals(List.of("a", "b", "c"), order);
            g.join();
            assertEquals(List.of(), g.results());
            assertThrows(IllegalStateException.class, g::nextResult);
        });
    }

    @EachCarrier
    void nextResultThrowsTheMembersOwnFailure(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup();
            g.spawn(() -> failAfter(1, new UnsupportedOperationException("x")));
            assertThrows(UnsupportedOperationException.class, g::nextResult);
            g.join();
        });
    }

    @EachCarrier
    void bodyExceptionCancelsMembersAndPropagates(String carrier) {
        Kernels.run(carrier, () -> {
            Task<?>[] member = new Task<?>[1];
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskGroup.run(Wait.ALL, g -> {
                member[0] = g.spawn(() -> after(10, "x"));
                Curio.sleep(Duration.ofSeconds(1));
                throw new IllegalStateException("body failed");
            }));
            assertEquals("body failed", e.getMessage());
            assertTrue(member[0].terminated() && member[0].cancelled());
        });
    }

    @EachCarrier
    void timeoutWhileJoiningCancelsMembersWithTaskCancelled(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup();
            Task<?> a = g.spawn(() -> after(10, "a"));
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofSeconds(1), g::join));
            assertInstanceOf(TaskCancelled.class, a.exception());
        });
    }

    @EachCarrier
    void daemonMembersAreIgnoredForResultsButCancelledAtJoin(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup();
            Task<?> d = Curio.spawnDaemon(() -> after(100, "d"));
            g.add(d);
            Task<?> spawned = g.spawnDaemon(() -> after(100, "s"));
            g.spawn(() -> after(1, "x"));
            g.join();
            assertEquals(List.of("x"), g.results());
            assertTrue(d.cancelled() && d.terminated());
            assertTrue(spawned.daemon() && spawned.cancelled() && spawned.terminated());
        });
    }

    @EachCarrier
    void misuseIsReported(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup g = new TaskGroup();
            assertThrows(IllegalStateException.class, g::result);
            assertThrows(IllegalStateException.class, g::results);
            Task<?> t = g.spawn(() -> after(1, "a"));
            TaskGroup other = new TaskGroup();
            assertThrows(IllegalStateException.class, () -> other.add(t));
            assertThrows(IllegalStateException.class, () -> g.add(t), "checked even for its own group");
            g.join();
            assertThrows(IllegalStateException.class, () -> g.spawn(() -> 1));
            other.join();
            // an empty group
            TaskGroup empty = new TaskGroup();
            empty.cancelRemaining();
            empty.join();
            assertNull(empty.exception());
            assertEquals(List.of(), empty.results());
            assertThrows(IllegalStateException.class, empty::result);
        });
    }

    @EachCarrier
    void closeWithoutJoinCancelsThenComplains(String carrier) {
        Kernels.run(carrier, () -> {
            Task<?>[] member = new Task<?>[1];
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                try (TaskGroup g = new TaskGroup()) {
                    member[0] = g.spawn(() -> after(10, "x"));
                }
            });
            assertTrue(e.getMessage().contains("without join()"), e.getMessage());
            assertTrue(member[0].cancelled());
            try (TaskGroup g = new TaskGroup()) {
                g.spawn(() -> after(1, "y"));
                g.join();
                assertEquals(List.of("y"), g.results());
            }
        });
    }

    @EachCarrier
    void adoptsExistingTasks(String carrier) {
        Kernels.run(carrier, () -> {
            Task<Object> done = Curio.spawn(() -> "done");
            done.awaitTermination();
            Task<Object> later = Curio.spawn(() -> after(1, "later"));
            TaskGroup g = new TaskGroup(Wait.ALL, List.of(done, later));
            g.join();
            assertEquals(List.of("done", "later"), g.results());
        });
    }

    @EachCarrier
    void nestedGroupsAreIndependent(String carrier) {
        Kernels.run(carrier, () -> {
            TaskGroup outer = new TaskGroup();
            outer.spawn(() -> TaskGroup.run(Wait.ALL, inner -> {
                inner.spawn(() -> failAfter(1, new IllegalStateException("inner")));
                inner.join();
                return inner.exception() != null ? "inner failed" : "ok";
            }));
            outer.join();
            assertEquals(List.of("inner failed"), outer.results());
        });
    }
}
