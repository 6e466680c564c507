package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 1.3-1.6: scheduling order, run semantics, and misuse of the kernel. */
class SchedulingTest {

    @EachCarrier
    void spawnedTaskWaitsUntilSpawnerBlocks(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Task<?> child = Curio.spawn(() -> log.add("child"));
            log.add("parent before yield");
            assertEquals(TaskState.READY, child.state());
            Curio.schedule();
            log.add("parent after yield");
            child.join();
        });
        assertEquals(List.of("parent before yield", "child", "parent after yield"), log);
    }

    @EachCarrier
    void sleepZeroRoundRobinsInSpawnOrder(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(Curio.spawn(() -> {
                    for (int i = 0; i < 3; i++) {
                        log.add(name + i);
                        Curio.sleep(Duration.ZERO);
                    }
                }));
            }
            for (Task<Void> t : tasks) {
                t.join();
            }
        });
        assertEquals(List.of("a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"), log);
    }

    @EachCarrier
    void sleepersWakeInDeadlineOrder(String carrier) {
        List<Integer> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int ms : new int[] {30, 10, 20, 10}) {
                tasks.add(Curio.spawn(() -> {
                    Curio.sleep(Duration.ofMillis(ms));
                    log.add(ms);
                }));
            }
            for (Task<Void> t : tasks) {
                t.join();
            }
        });
        assertEquals(List.of(10, 10, 20, 30), log);
    }

    @EachCarrier
    void runReturnsMainsValueAndLeavesChildrenUnstarted(String carrier) {
        try (Kernel k = Kernels.open(carrier)) {
            Task<?>[] child = new Task<?>[1];
            int value = k.run(() -> {
                child[0] = Curio.spawn(() -> 42);
                return 7;
            });
            assertEquals(7, value);
            assertEquals(TaskState.READY, child[0].state());
            assertEquals(42, k.run(() -> child[0].join()), "a task left by one run carries on in the next");
        }
    }

    @EachCarrier
    void runRethrowsMainsCheckedExceptionUnchanged(String carrier) {
        IOException boom = new IOException("boom");
        IOException thrown = assertThrows(IOException.class, () -> Kernels.run(carrier, () -> {
            Curio.sleep(Duration.ofMillis(1));
            throw boom;
        }));
        assertSame(boom, thrown);
    }

    @EachCarrier
    void sleepReturnsAfterDeadlineOnVirtualClock(String carrier) {
        long real = System.nanoTime();
        long[] elapsed = new long[1];
        Kernels.run(carrier, () -> {
            long start = Curio.clock();
            Curio.sleep(Duration.ofHours(5));
            elapsed[0] = Curio.clock() - start;
        });
        assertTrue(elapsed[0] >= Duration.ofHours(5).toNanos(), "virtual time advanced by the sleep");
        assertTrue(System.nanoTime() - real < Duration.ofSeconds(30).toNanos(), "five hours took no real time");
    }

    @EachCarrier
    void trapSleepReturnsTheClockAtWakeUp(String carrier) {
        Kernels.run(carrier, () -> {
            long before = Curio.clock();
            assertEquals(before, curio.api.trap.Traps.sleep(0), "a yield costs no time on the virtual clock");
            assertEquals(before + 1_000, curio.api.trap.Traps.sleep(1_000));
        });
    }

    @EachCarrier
    void realClockSleepsForRealTime(String carrier) {
        try (Kernel k = Kernel.builder().carrier(carrier).build()) {
            long t0 = System.nanoTime();
            k.run(() -> Curio.sleep(Duration.ofMillis(20)));
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(20).toNanos());
            assertFalse(k.virtualClock());
        }
    }

    @EachCarrier
    void reportsCarrierAndSelector(String carrier) {
        try (Kernel k = Kernels.open(carrier)) {
            assertEquals(carrier, k.carrierName());
            assertEquals("nio", k.selectorName());
            assertTrue(k.virtualClock());
        }
    }

    @EachCarrier
    void inTaskTellsTheWorlds(String carrier) {
        assertFalse(Curio.inTask());
        assertTrue(Kernels.run(carrier, Curio::inTask));
    }

    @EachCarrier
    void manyTasksRunToCompletion(String carrier) {
        int n = 10_000;
        long sum = Kernels.run(carrier, () -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int v = i;
                tasks.add(Curio.spawn(() -> {
                    Curio.schedule();
                    return v;
                }));
            }
            long s = 0;
            for (Task<Integer> t : tasks) {
                s += t.join();
            }
            return s;
        });
        assertEquals((long) n * (n - 1) / 2, sum);
    }

    @EachCarrier
    void aTaskYieldingAloneStillLetsTimersAndOtherThreadsIn(String carrier) {
        try (Kernel k = Kernels.realTime(carrier)) {
            int yields = k.run(() -> {
                boolean[] slept = new boolean[1];
                boolean[] posted = new boolean[1];
                java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
                Task<?> sleeper = Curio.spawn(() -> {
                    Curio.sleep(Duration.ofMillis(5));
                    slept[0] = true;
                });
                Task<?> waiter = Curio.spawn(() -> {
                    posted[0] = curio.api.trap.Traps.futureWait(answer, null).equals("done");
                });
                Curio.schedule(); // both children start and block: from here on main yields alone
                Thread.ofPlatform().start(() -> answer.complete("done"));
                int n = 0;
                while (!slept[0] || !posted[0]) {
                    Curio.schedule();
                    n++;
                }
                sleeper.join();
                waiter.join();
                return n;
            });
            assertTrue(yields > 0, "main had to yield before the others could finish");
        }
    }

    @EachCarrier
    void aCancelReachesATaskThatOnlyYields(String carrier) {
        boolean cancelled = Kernels.run(carrier, () -> {
            Task<?> spinner = Curio.spawn(() -> {
                while (true) {
                    Curio.schedule(); // alone once main waits: the yield happens in place
                }
            });
            Curio.schedule();
            spinner.cancel();
            return spinner.cancelled() && spinner.exception() instanceof curio.api.TaskCancelled;
        });
        assertTrue(cancelled);
    }

    @EachCarrier
    void joinersWakeInArrivalOrderAfterOneLeaves(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Task<?> target = Curio.spawn(() -> Curio.sleep(Duration.ofSeconds(1)));
            List<Task<?>> joiners = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                joiners.add(Curio.spawn(() -> {
                    target.awaitTermination();
                    log.add(name);
                }));
                Curio.schedule(); // each joiner waits before the next arrives
            }
            joiners.get(0).cancel(); // the oldest leaves: the barrier forgets it
            target.join();
            for (Task<?> j : joiners.subList(1, 4)) {
                j.join();
            }
            // A lone joiner that leaves, then a new one: the single-waiter path after a removal.
            Task<?> late = Curio.spawn(() -> Curio.sleep(Duration.ofSeconds(1)));
            Task<?> leaver = Curio.spawn(late::awaitTermination);
            Curio.schedule();
            leaver.cancel();
            late.join();
        });
        assertEquals(List.of("b", "c", "d"), log);
    }

    @EachCarrier
    void aFatalErrorInATaskEndsRunAndTheKernelStillCloses(String carrier) {
        // On the virtual carrier the error surfaces in the ending task's own thread, which chooses the
        // next task: it must still reach the thread that called run().
        try (Kernel k = Kernels.open(carrier)) {
            OutOfMemoryError fatal = assertThrows(OutOfMemoryError.class, () -> k.run(() -> {
                Task<?> sleeper = Curio.spawn(() -> Curio.sleep(Duration.ofDays(1)));
                Task<?> doomed = Curio.spawn(() -> {
                    Curio.schedule();
                    throw new OutOfMemoryError("simulated");
                });
                doomed.join();
                sleeper.join();
            }));
            assertEquals("simulated", fatal.getMessage());
        } // close() cancels the sleeper and the stranded main task without hanging
    }

    @EachCarrier
    void anActivationThatFailsWhileTasksSwitchEndsRun(String carrier) {
        int[] runs = new int[1];
        curio.api.Activation failing = new curio.api.Activation() {
            @Override
            public void running(Task<?> task) {
                if (++runs[0] == 5) {
                    throw new IllegalStateException("activation failed on run 5");
                }
            }
        };
        try (Kernel k = Kernel.builder().carrier(carrier).activations(failing).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.run(() -> {
                Task<?> other = Curio.spawn(() -> {
                    for (int i = 0; i < 10; i++) {
                        Curio.schedule();
                    }
                });
                for (int i = 0; i < 10; i++) {
                    Curio.schedule();
                }
                other.join();
            }));
            assertEquals("activation failed on run 5", e.getMessage());
        }
    }

    @EachCarrier
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void runReturnsWhileATaskLeftBehindKeepsYielding(String carrier) {
        try (Kernel k = Kernels.open(carrier)) {
            Task<?>[] spinner = new Task<?>[1];
            int value = k.run(() -> {
                Task<?> gate = Curio.spawn(() -> Curio.schedule());
                spinner[0] = Curio.spawnDaemon(() -> {
                    gate.awaitTermination();
                    while (true) {
                        Curio.schedule(); // alone once main has ended: must not keep the loop from ending
                    }
                });
                gate.join(); // main and the spinner wake together, main first: main ends, the spinner runs alone
                return 7;
            });
            assertEquals(7, value);
            assertFalse(spinner[0].terminated(), "the spinner is left for close() to cancel");
        }
    }
}
