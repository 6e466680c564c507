package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.AsyncCallable;
import curio.api.AsyncRunnable;
import curio.api.Curio;
import curio.api.Kernel;
import curio.api.TaskGroup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Misuse is reported with a clear exception, never ignored. */
class MisuseTest {

    private static void assertOutsideTask(String call, Executable e) {
        IllegalStateException x = assertThrows(IllegalStateException.class, e);
        assertTrue(x.getMessage().contains(call), x.getMessage());
        assertTrue(x.getMessage().contains("outside a task"), x.getMessage());
    }

    @Test
    void asyncCallsFromAPlainThreadNameTheCall() {
        assertOutsideTask("Curio.sleep()", () -> Curio.sleep(Duration.ZERO));
        assertOutsideTask("Curio.spawn()", () -> Curio.spawn(() -> 1));
        assertOutsideTask("Curio.clock()", Curio::clock);
        assertOutsideTask("Curio.currentTask()", Curio::currentTask);
        assertOutsideTask("Curio.timeoutAfter()", () -> Curio.timeoutAfter(Duration.ofSeconds(1), () -> 1));
        assertOutsideTask("Curio.runInThread()", () -> Curio.runInThread(() -> 1));
        assertOutsideTask("Curio.checkCancellation()", Curio::checkCancellation);
    }

    @EachCarrier
    void plainThreadStartedFromATaskIsStillOutside(String carrier) throws Exception {
        Throwable[] seen = new Throwable[1];
        Kernels.run(carrier, () -> Curio.runInThread(() -> {
            try {
                Curio.sleep(Duration.ZERO);
            } catch (Throwable t) {
                seen[0] = t;
            }
            return null;
        }));
        assertTrue(seen[0] instanceof IllegalStateException, String.valueOf(seen[0]));
    }

    @EachCarrier
    @org.junit.jupiter.api.Timeout(60) // a trap sent to the wrong kernel tends to hang both
    void aVirtualThreadStartedFromATaskIsOutsideToo(String carrier) throws Exception {
        // On the virtual carrier the task itself runs on a virtual thread: the one it starts must not
        // be taken for it.
        Throwable[] seen = new Throwable[1];
        boolean[] inTask = new boolean[2];
        Kernels.run(carrier, () -> {
            inTask[0] = curio.api.trap.Traps.inTask();
            Thread.ofVirtual().start(() -> {
                inTask[1] = curio.api.trap.Traps.inTask();
                seen[0] = assertThrows(IllegalStateException.class, () -> Curio.sleep(Duration.ZERO));
            }).join();
        });
        assertTrue(inTask[0]);
        assertEquals(false, inTask[1]);
        assertTrue(seen[0].getMessage().contains("outside a task"), seen[0].getMessage());
    }

    @EachCarrier
    @org.junit.jupiter.api.Timeout(60) // a trap sent to the wrong kernel tends to hang both
    void kernelsSideBySideEachServeOnlyTheirOwnTasks(String carrier) throws Exception {
        // Two kernels run at once in two threads, their tasks switching all the while: every trap of a
        // task must reach its own kernel, which knows it as its current task.
        int kernels = 2;
        int tasks = 20;
        int switches = 200;
        java.util.concurrent.CyclicBarrier bothRunning = new java.util.concurrent.CyclicBarrier(kernels);
        java.util.List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int k = 0; k < kernels; k++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    Kernels.run(carrier, () -> {
                        Curio.runInThread(() -> bothRunning.await());
                        try (TaskGroup g = new TaskGroup()) {
                            for (int i = 0; i < tasks; i++) {
                                g.spawn(() -> {
                                    curio.api.Task<?> me = Curio.currentTask();
                                    for (int n = 0; n < switches; n++) {
                                        Curio.sleep(Duration.ZERO);
                                        assertTrue(Curio.currentTask() == me, "a trap reached another kernel");
                                    }
                                    return null;
                                });
                            }
                            g.join();
                            assertEquals(java.util.List.of(), g.exceptions().stream().filter(java.util.Objects::nonNull).toList());
                        }
                    });
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(java.util.List.of(), failures);
    }

    @EachCarrier
    void kernelRunIsNotReentrant(String carrier) {
        IllegalStateException x = assertThrows(IllegalStateException.class,
                () -> Kernels.run(carrier, () -> Curio.run(() -> 1)));
        assertTrue(x.getMessage().contains("already runs a curio kernel"), x.getMessage());
    }

    @EachCarrier
    void closedKernelCannotRun(String carrier) {
        Kernel k = Kernels.open(carrier);
        k.close();
        IllegalStateException x = assertThrows(IllegalStateException.class, () -> k.run(() -> 1));
        assertTrue(x.getMessage().contains("shut down"), x.getMessage());
        k.close(); // closing twice is harmless
    }

    @EachCarrier
    void negativeDurationsAreRejected(String carrier) {
        Kernels.run(carrier, () -> {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> Curio.sleep(Duration.ofMillis(-1)));
            assertTrue(x.getMessage().contains("negative"), x.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Curio.timeoutAfter(Duration.ofSeconds(-1), () -> 1));
            assertThrows(IllegalArgumentException.class, () -> Curio.ignoreAfter(Duration.ofSeconds(-1), () -> 1));
        });
    }

    @EachCarrier
    void nullBodiesAreRejected(String carrier) {
        assertThrows(NullPointerException.class, () -> Curio.run((AsyncCallable<Object, RuntimeException>) null));
        assertThrows(NullPointerException.class, () -> Curio.run((AsyncRunnable<RuntimeException>) null));
        Kernels.run(carrier, () -> {
            assertThrows(NullPointerException.class, () -> Curio.spawn((AsyncCallable<Object, RuntimeException>) null));
            assertThrows(NullPointerException.class, () -> Curio.timeoutAfter(Duration.ZERO, (AsyncCallable<Object, RuntimeException>) null));
            assertThrows(NullPointerException.class, () -> Curio.sleep(null));
            assertThrows(NullPointerException.class, () -> TaskGroup.run(TaskGroup.Wait.ALL, null));
        });
    }

    @Test
    void unknownCarrierAndSelectorAreExplained() {
        IllegalStateException c = assertThrows(IllegalStateException.class,
                () -> Kernel.builder().carrier("fibers").build());
        assertTrue(c.getMessage().contains("continuation, virtual"), c.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> Kernel.builder().selector("kqueue").build());
        assertTrue(s.getMessage().contains("kqueue") && s.getMessage().contains("nio (priority"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernel.builder().selector(" "));
        assertThrows(IllegalArgumentException.class, () -> Kernel.builder().maxWorkerThreads(0));
    }

    @Test
    void continuationCarrierIsChosenWhenExported() {
        // the build passes --add-exports java.base/jdk.internal.vm=curio.kernel and --add-opens java.base/java.lang=curio.kernel to every test JVM
        assertTrue(Carriers.continuationsAllowed());
        try (Kernel k = Kernel.builder().build()) {
            assertEquals(System.getProperty("curio.carrier", "continuation"), k.carrierName());
        }
    }

    @EachCarrier
    void resultBeforeTerminationIsAnError(String carrier) {
        Kernels.run(carrier, () -> {
            var t = Curio.spawn(() -> Curio.sleep(Duration.ofSeconds(1)));
            assertThrows(IllegalStateException.class, t::result);
            assertThrows(IllegalStateException.class, t::exception);
            t.cancel();
        });
    }
}
