package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;

import curio.api.Curio;
import java.time.Duration;

/** A blocking curio call inside a synchronized block suspends the task on both carriers (JDK 24+ monitors do not pin). */
class PinningTest {

    @EachCarrier
    void suspendingInsideSynchronized(String carrier) {
        Object lock = new Object();
        String outcome = Kernels.run(carrier, () -> {
            try {
                synchronized (lock) {
                    Curio.sleep(Duration.ofMillis(1));
                }
                return "suspended";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
        assertEquals("suspended", outcome);
    }
}
