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
        assertThrows(NullPointerException.class, () -> Curio.run((AsyncCallable<Object>) null));
        assertThrows(NullPointerException.class, () -> Curio.run((AsyncRunnable) null));
        Kernels.run(carrier, () -> {
            assertThrows(NullPointerException.class, () -> Curio.spawn((AsyncCallable<Object>) null));
            assertThrows(NullPointerException.class, () -> Curio.timeoutAfter(Duration.ZERO, (AsyncCallable<Object>) null));
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
        // the build passes --add-exports java.base/jdk.internal.vm=curio.kernel to every test JVM
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
