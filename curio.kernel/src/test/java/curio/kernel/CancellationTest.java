package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.CancelledError;
import curio.api.Curio;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.TaskError;
import curio.api.TaskTimeout;
import curio.api.internal.AbstractTask;
import curio.api.trap.SchedFIFO;
import curio.api.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 2.3-2.5 and 5: cancel semantics, delivery points, pending cancellation. */
class CancellationTest {

    private static final Duration FOREVER = Duration.ofDays(1);

    @EachCarrier
    void cancelRaisesTaskCancelledInABlockedTask(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Task<?> child = Curio.spawn(() -> {
                try {
                    Curio.sleep(FOREVER);
                } catch (TaskCancelled e) {
                    log.add("cancelled");
                    throw e;
                }
            });
            Curio.schedule();
            assertEquals(TaskState.TIME_SLEEP, child.state());
            assertTrue(child.cancel());
            assertTrue(child.terminated());
            assertTrue(child.cancelled());
            TaskError e = assertThrows(TaskError.class, child::join);
            assertInstanceOf(TaskCancelled.class, e.getCause());
            assertInstanceOf(TaskCancelled.class, child.exception());
        });
        assertEquals(List.of("cancelled"), log);
    }

    /**
     * Issue 13 item 5: a cancellation holds no frames while it is pending (100,000 pending ones must
     * not hold 100,000 copies of the canceller's stack), and once raised it shows where the cancelled
     * task was, not who cancelled it. One made by user code keeps its trace from where it was made.
     */
    @EachCarrier
    void aCancellationShowsWhereTheTaskWasNotWhoCancelledIt(String carrier) {
        Kernels.run(carrier, () -> {
            Task<?> sleeper = Curio.spawn(CancellationTest::sleepsInHere);
            Curio.schedule();
            sleeper.cancel();
            StackTraceElement[] cancelled = sleeper.exception().getStackTrace();
            assertTrue(hasFrame(cancelled, "sleepsInHere"), java.util.Arrays.toString(cancelled));
            assertFalse(hasFrame(cancelled, "lambda$aCancellationShows"), java.util.Arrays.toString(cancelled));
            assertEquals("trap", cancelled[0].getMethodName(), "the trace starts at the kernel's trap");

            Task<?> timedOut = Curio.spawn(() -> Curio.timeoutAfter(Duration.ofMillis(1),
                    CancellationTest::sleepsInHere));
            timedOut.awaitTermination();
            StackTraceElement[] expired = timedOut.exception().getStackTrace();
            assertInstanceOf(TaskTimeout.class, timedOut.exception());
            assertTrue(hasFrame(expired, "sleepsInHere"), java.util.Arrays.toString(expired));

            Task<?> pending = Curio.spawn(() -> Curio.disableCancellation(() -> {
                Curio.sleep(Duration.ofMillis(1));
                Throwable p = Curio.pendingCancellation();
                assertInstanceOf(TaskCancelled.class, p);
                assertEquals(0, p.getStackTrace().length, "a pending cancellation holds no frames");
                return null;
            }));
            Curio.schedule();
            pending.cancel();

            TaskCancelled mine = new TaskCancelled("made here");
            assertTrue(hasFrame(mine.getStackTrace(), "aCancellationShowsWhereTheTaskWasNotWhoCancelledIt"));
            assertFalse(hasFrame(mine.getStackTrace(), "fillInStackTrace"));
        });
    }

    private static void sleepsInHere() {
        Curio.sleep(FOREVER);
    }

    private static boolean hasFrame(StackTraceElement[] trace, String method) {
        return java.util.Arrays.stream(trace).anyMatch(f -> f.getMethodName().contains(method));
    }

    @EachCarrier
    void cancellingAnEndedTaskReturnsFalseAndMarksItJoined(String carrier) {
        Kernels.run(carrier, () -> {
            Task<Integer> child = Curio.spawn(() -> 5);
            child.awaitTermination();
            assertFalse(child.cancel());
            assertFalse(child.cancelled());
            assertTrue(((AbstractTask<?>) child).joined());
            assertEquals(5, child.result());
        });
    }

    @EachCarrier
    void cancelIsOneShot(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Task<?> child = Curio.spawn(() -> {
                try {
                    Curio.sleep(FOREVER);
                } catch (TaskCancelled e) {
                    log.add("first");
                }
                Curio.sleep(Duration.ofSeconds(10)); // cleanup: a second cancel sends nothing
                log.add("cleanup done");
                return "ignored";
            });
            Curio.schedule();
            Curio.ignoreAfter(Duration.ofSeconds(1), () -> child.cancel()); // times out while child cleans up
            log.add("gave up waiting");
            child.cancel();
            log.add("second cancel returned");
            assertEquals("ignored", child.join(), "a task that swallows cancellation returns its value");
        });
        assertEquals(List.of("first", "gave up waiting", "cleanup done", "second cancel returned"), log);
    }

    @EachCarrier
    void readyTaskGetsOnlyAPendingCancellation(String carrier) {
        Kernels.run(carrier, () -> {
            SchedFIFO q = new SchedFIFO();
            List<String> log = new ArrayList<>();
            Task<?> child = Curio.spawn(() -> {
                q.suspend(TaskState.SUSPEND);
                log.add("woke normally");
                try {
                    Curio.sleep(Duration.ZERO);
                } catch (TaskCancelled e) {
                    log.add("cancelled at next blocking op");
                    throw e;
                }
            });
            Curio.schedule();
            q.wake(1);                 // child is ready now...
            child.cancel(false);       // ...so the cancel stays pending
            child.awaitTermination();
            assertEquals(List.of("woke normally", "cancelled at next blocking op"), log);
        });
    }

    @EachCarrier
    void neverStartedTaskWithoutBlockingOpsEndsNormally(String carrier) {
        Kernels.run(carrier, () -> {
            Task<String> child = Curio.spawn(() -> "done");
            child.cancel();
            assertTrue(child.cancelled());
            assertNull(child.exception());
            assertEquals("done", child.result());
        });
    }

    @EachCarrier
    void selfCancelIsDeliveredAtTheNextBlockingOperation(String carrier) {
        Kernels.run(carrier, () -> {
            Task<?> child = Curio.spawn(() -> {
                Curio.currentTask().cancel(false);
                Curio.clock(); // non-blocking: no delivery
                Curio.sleep(Duration.ofMillis(1));
                return "unreachable";
            });
            child.awaitTermination();
            assertInstanceOf(TaskCancelled.class, child.exception());

            Task<?> blocking = Curio.spawn(() -> {
                Curio.currentTask().cancel(); // its own join-wait is the next blocking operation
                return "unreachable";
            });
            blocking.awaitTermination();
            assertInstanceOf(TaskCancelled.class, blocking.exception());
        });
    }

    @EachCarrier
    void customCancellationExceptionsAreAllowed(String carrier) {
        class Stop extends RuntimeException {}
        Kernels.run(carrier, () -> {
            Task<String> child = Curio.spawn(() -> {
                try {
                    Curio.sleep(FOREVER);
                    return "slept";
                } catch (Stop s) {
                    return "stopped";
                }
            });
            Curio.schedule();
            ((AbstractTask<?>) child).cancel(new Stop(), true);
            assertEquals("stopped", child.join());
            assertTrue(child.cancelled());
        });
    }

    @EachCarrier
    void disabledCancellationDefersUntilTheNextBlockingOperation(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Task<?> child = Curio.spawn(() -> {
                Curio.disableCancellation(() -> {
                    Curio.sleep(Duration.ofSeconds(1));
                    log.add("protected sleep completed");
                    assertInstanceOf(TaskCancelled.class, Curio.pendingCancellation());
                });
                log.add("left the block");
                try {
                    Curio.sleep(Duration.ZERO);
                } catch (TaskCancelled e) {
                    log.add("raised after the block");
                    throw e;
                }
            });
            Curio.schedule();
            child.cancel();
        });
        assertEquals(List.of("protected sleep completed", "left the block", "raised after the block"), log);
    }

    @EachCarrier
    void explicitCancelledErrorInNestedDisabledBlockBecomesPending(String carrier) {
        Kernels.run(carrier, () -> {
            Curio.disableCancellation(() -> {
                Curio.disableCancellation(() -> {
                    throw new TaskCancelled("explicit");
                });
                assertInstanceOf(TaskCancelled.class, Curio.pendingCancellation());
                Curio.sleep(Duration.ZERO); // still disabled: completes
            });
            CancelledError e = assertThrows(CancelledError.class, Curio::checkCancellation);
            assertEquals("explicit", e.getMessage());
            assertNull(Curio.pendingCancellation());
        });
    }

    @EachCarrier
    void explicitCancelledErrorInOutermostDisabledBlockPropagates(String carrier) {
        Kernels.run(carrier, () -> {
            assertThrows(TaskCancelled.class, () -> Curio.disableCancellation(() -> {
                throw new TaskCancelled("explicit");
            }));
        });
    }

    @EachCarrier
    void checkCancellationRaisesOnlyWhenAllowed(String carrier) {
        Kernels.run(carrier, () -> {
            Curio.checkCancellation(); // nothing pending: no-op
            Curio.currentTask().cancel(false);
            Curio.disableCancellation(() -> {
                Curio.checkCancellation(); // disabled: stays pending
                assertInstanceOf(TaskCancelled.class, Curio.pendingCancellation());
            });
            assertThrows(TaskCancelled.class, Curio::checkCancellation);
        });
    }

    @EachCarrier
    void cancelClearsTheTargetsTimeout(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Task<?> child = Curio.spawn(() -> Curio.timeoutAfter(Duration.ofSeconds(1), () -> {
                try {
                    Curio.sleep(FOREVER);
                } catch (CancelledError e) {
                    Curio.sleep(Duration.ofSeconds(2)); // cleanup past the block's deadline is not cut off
                    log.add("cleanup finished");
                    throw e;
                }
            }));
            Curio.sleep(Duration.ofMillis(500));
            child.cancel();
            assertInstanceOf(TaskCancelled.class, child.exception());
        });
        assertEquals(List.of("cleanup finished"), log);
    }

    @EachCarrier
    void joinWakesEveryJoiner(String carrier) {
        Kernels.run(carrier, () -> {
            Task<Integer> target = Curio.spawn(() -> {
                Curio.sleep(Duration.ofSeconds(1));
                return 3;
            });
            List<Task<Integer>> joiners = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                joiners.add(Curio.spawn(() -> target.join() * 2));
            }
            for (Task<Integer> j : joiners) {
                assertEquals(6, j.join());
            }
        });
    }

    @EachCarrier
    void failedTaskJoinsAsTaskErrorAndResultRethrowsItself(String carrier) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Kernels.run(carrier, () -> {
            Task<?> child = Curio.spawn(() -> {
                throw boom;
            });
            TaskError e = assertThrows(TaskError.class, child::join);
            assertSame(boom, e.getCause());
            assertSame(boom, assertThrows(IllegalArgumentException.class, child::result));
        });
    }

    @EachCarrier
    void mainCancelledByAnotherTaskRaisesFromRun(String carrier) {
        assertThrows(TaskCancelled.class, () -> Kernels.run(carrier, () -> {
            Task<?> main = Curio.currentTask();
            Curio.spawn(() -> main.cancel());
            Curio.sleep(FOREVER);
        }));
    }

    @EachCarrier
    void timeoutOnATaskWithDisabledCancellationStaysPending(String carrier) {
        Kernels.run(carrier, () -> {
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofSeconds(1), () -> {
                Curio.disableCancellation(() -> Curio.sleep(Duration.ofSeconds(3)));
                Curio.sleep(Duration.ZERO); // the pending timeout is raised here
            }));
        });
    }
}
