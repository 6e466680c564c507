package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.TaskTimeout;
import curio.api.TimeoutCancellationError;
import curio.api.UncaughtTimeoutError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 4: timeout blocks and their nesting rules, on the virtual clock. */
class TimeoutTest {

    private static final Duration S1 = Duration.ofSeconds(1);
    private static final Duration S2 = Duration.ofSeconds(2);
    private static final Duration S5 = Duration.ofSeconds(5);

    @EachCarrier
    void expiryRaisesTaskTimeoutAtTheDeadline(String carrier) {
        Kernels.run(carrier, () -> {
            long start = Curio.clock();
            TaskTimeout e = assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(S1, () -> Curio.sleep(S5)));
            assertEquals(start + S1.toNanos(), e.clock());
            assertEquals(start + S1.toNanos(), Curio.clock());
        });
    }

    @EachCarrier
    void bodyFinishingInTimeReturnsItsValue(String carrier) {
        Kernels.run(carrier, () -> {
            assertEquals("ok", Curio.timeoutAfter(S2, () -> {
                Curio.sleep(S1);
                return "ok";
            }));
            Curio.sleep(S5); // the left block's deadline never fires later
        });
    }

    @EachCarrier
    void ignoreAfterReturnsNullOrTheGivenValue(String carrier) {
        Kernels.run(carrier, () -> {
            assertNull(Curio.ignoreAfter(S1, () -> {
                Curio.sleep(S5);
                return "late";
            }));
            assertEquals("TO", Curio.ignoreAfter(S1, () -> {
                Curio.sleep(S5);
                return "late";
            }, "TO"));
            assertEquals("fast", Curio.ignoreAfter(S5, () -> "fast", "TO"));
        });
    }

    @EachCarrier
    void outerExpiryIsNotCaughtAsTaskTimeoutInside(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            try {
                Curio.timeoutAfter(S1, () -> {
                    try {
                        Curio.timeoutAfter(S5, () -> Curio.sleep(Duration.ofSeconds(10)));
                    } catch (TaskTimeout inner) {
                        log.add("inner caught TaskTimeout");
                    } catch (TimeoutCancellationError outer) {
                        log.add("inner saw TimeoutCancellationError");
                        throw outer;
                    }
                });
            } catch (TaskTimeout e) {
                log.add("outer caught TaskTimeout");
            }
        });
        assertEquals(List.of("inner saw TimeoutCancellationError", "outer caught TaskTimeout"), log);
    }

    @EachCarrier
    void threeLevelsOuterExpiry(String carrier) {
        Kernels.run(carrier, () -> {
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(S1, () ->
                    Curio.timeoutAfter(S2, () ->
                            Curio.timeoutAfter(S5, () -> Curio.sleep(Duration.ofSeconds(10))))));
        });
    }

    @EachCarrier
    void innerTimeoutEscapingItsBlockIsUncaught(String carrier) {
        Kernels.run(carrier, () -> {
            UncaughtTimeoutError e = assertThrows(UncaughtTimeoutError.class, () -> Curio.timeoutAfter(S5, () -> {
                Curio.timeoutAfter(S1, () -> Curio.sleep(S2)); // TaskTimeout escapes the inner block
            }));
            assertInstanceOf(TaskTimeout.class, e.getCause());
        });
    }

    @EachCarrier
    void innerTimeoutCaughtInsideLeavesTheOuterRunning(String carrier) {
        Kernels.run(carrier, () -> {
            String r = Curio.timeoutAfter(S5, () -> {
                try {
                    Curio.timeoutAfter(S1, () -> Curio.sleep(S2));
                } catch (TaskTimeout e) {
                    Curio.sleep(S1); // the outer deadline (5 s) is still ahead
                }
                return "survived";
            });
            assertEquals("survived", r);
        });
    }

    @EachCarrier
    void innerBlockCannotExtendAnOuterDeadline(String carrier) {
        Kernels.run(carrier, () -> {
            long start = Curio.clock();
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(S1, () ->
                    Curio.timeoutAfter(Duration.ofSeconds(10), () -> Curio.sleep(S5))));
            assertEquals(start + S1.toNanos(), Curio.clock());
        });
    }

    @EachCarrier
    void nullDurationMeansNoDeadlineAndKeepsTheOuter(String carrier) {
        Kernels.run(carrier, () -> {
            assertEquals("n", Curio.timeoutAfter(null, () -> "n")); // Curio 1.6 raised TypeError here
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(S1, () ->
                    Curio.timeoutAfter(null, () -> Curio.sleep(S5))));
        });
    }

    @EachCarrier
    void ignoreInsideTimeoutWithOuterExpiry(String carrier) {
        Kernels.run(carrier, () -> {
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(S1, () -> {
                Curio.ignoreAfter(S5, () -> Curio.sleep(Duration.ofSeconds(10)));
                return "not reached";
            }));
        });
    }

    @EachCarrier
    void sleepThatEndsAtTheDeadlineWinsAndThePendingTimeoutIsDiscarded(String carrier) {
        Kernels.run(carrier, () -> {
            // sleep and timeout expire at the same instant: the sleep entry is processed first, the
            // timeout becomes pending and is dropped when the block is left normally
            Curio.timeoutAfter(S1, () -> Curio.sleep(S1));
            Curio.sleep(Duration.ZERO);
            assertNull(Curio.pendingCancellation());
        });
    }

    @EachCarrier
    void zeroTimeoutInterruptsTheFirstBlockingOperation(String carrier) {
        Kernels.run(carrier, () -> {
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ZERO, () -> Curio.sleep(S1)));
            assertEquals(4, Curio.timeoutAfter(Duration.ZERO, () -> 4)); // nothing blocks: finishes
        });
    }

    @EachCarrier
    void staleDeadlinesDoNotPileUp(String carrier) {
        Kernels.run(carrier, () -> {
            for (int i = 0; i < 20_000; i++) {
                Curio.timeoutAfter(Duration.ofDays(1), () -> 1);           // leaves a stale entry
                var t = Curio.spawn(() -> Curio.sleep(Duration.ofDays(1)));
                Curio.schedule();
                t.cancel();                                                 // so does a cancelled sleep
            }
            // an outer deadline stays in force across many inner blocks and compactions
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(S1, () -> {
                for (int i = 0; i < 5_000; i++) {
                    Curio.timeoutAfter(Duration.ofHours(1), () -> 1);
                }
                Curio.sleep(S5);
            }));
        });
    }

    @EachCarrier
    void timeoutInterruptsAJoin(String carrier) {
        Kernels.run(carrier, () -> {
            var child = Curio.spawn(() -> Curio.sleep(Duration.ofHours(1)));
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(S1, child::join));
            assertTrue(!child.terminated());
            child.cancel();
        });
    }

    /** Issue 13 item 10: operations that finish after their deadline are logged once a second, not once each. */
    @EachCarrier
    void lateCompletionsAreLoggedAtMostOnceASecond(String carrier) {
        Kernels.run(carrier, () -> {
            for (int i = 0; i < 100; i++) {
                Curio.timeoutAfter(Duration.ofMillis(1), () -> {
                    Curio.disableCancellation(() -> Curio.sleep(Duration.ofMillis(2))); // finishes late, normally
                });
            }
        });
        List<String> warnings = curio.test.CapturedLogs.messages(java.util.logging.Level.WARNING);
        assertTrue(warnings.size() <= 1, "one line per operation: " + warnings.size());
    }
}
