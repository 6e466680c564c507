package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.test.EachCarrier;
import curio.test.Kernels;
import org.junit.jupiter.api.Test;

/** Curio.random(): a task's randomness, which a simulation draws from its seed (SimulationTest checks that). */
class RandomTest {

    @EachCarrier
    void aTaskDrawsFromTheKernelsRandomness(String carrier) {
        int drawn = Kernels.run(carrier, () -> Curio.random().nextInt(10));
        assertTrue(drawn >= 0 && drawn < 10, "drew " + drawn);
    }

    @Test
    void aPlainThreadIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Curio::random);
        assertTrue(e.getMessage().startsWith("Curio.random() called outside a task"), e.getMessage());
    }
}
