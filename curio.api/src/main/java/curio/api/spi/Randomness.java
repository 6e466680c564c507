package curio.api.spi;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * A capability: where a kernel's randomness comes from, so that a backend that replays runs from a seed
 * can draw it from the seed.
 * <p>Real-world default, {@link #SYSTEM}: {@link curio.api.Curio#random()} is the calling thread's
 * {@link ThreadLocalRandom}, and tasks ready at the same instant run in Curio's first-in, first-out order.
 * <pre>{@code
 * Randomness seeded = new Randomness() {
 *     public RandomGenerator program() { return programStream; }
 *     public RandomGenerator readyOrder() { return scheduleStream; }
 * };
 * }</pre>
 */
public interface Randomness {

    /** The real-world default: the thread's own generator, and Curio's ready order. */
    Randomness SYSTEM = ThreadLocalRandom::current;

    /**
     * Returns the generator {@link curio.api.Curio#random()} hands to a task; asked at each call.
     *
     * @return the generator, used on the kernel's thread only
     */
    RandomGenerator program();

    /**
     * Returns the generator with which the kernel shuffles the tasks that became ready in one cycle (at the
     * same instant) before it runs them, to explore other legal schedules; asked once per cycle with more
     * than one task ready.
     *
     * @return the generator, or null (the default) to keep Curio's first-in, first-out order
     */
    default RandomGenerator readyOrder() {
        return null;
    }

    /**
     * Returns the generator for what must be unpredictable (a handshake's nonce), which a simulation draws from
     * its seed instead, so that its runs replay.
     *
     * @return the generator; the default is one strong {@link java.security.SecureRandom} shared by all kernels
     */
    default java.security.SecureRandom secure() {
        return StrongRandom.INSTANCE;
    }
}

/** The real world's strong generator, made on first use. */
final class StrongRandom {
    static final java.security.SecureRandom INSTANCE = new java.security.SecureRandom();

    private StrongRandom() {}
}
