package curio.api.spi;

import java.util.function.LongSupplier;

/**
 * A capability: the backend keeps the time, because its whole world runs on the kernel's clock (a
 * simulated network, where bytes arrive at a scheduled instant and nothing outside can make a handle ready).
 * <p>A kernel whose backend offers one runs on a virtual clock and hands it over with {@link #attach}. A
 * wait on one of the backend's handles is then not a wait on the outside world: when every task waits,
 * the clock jumps to the earlier of the next timer and {@link #nextEvent()}, and when neither exists the run
 * is deadlocked. The kernel polls such a backend on every cycle, with a zero timeout.
 * <p>Real-world default (no {@code BackendClock}): the kernel keeps the machine's monotonic clock, or its
 * own virtual clock when the builder asks for one, and an I/O wait counts as a wait on the world.
 * <pre>{@code
 * public <C> C capability(Class<C> kind) {
 *     return kind == BackendClock.class ? kind.cast(myClock) : null;
 * }
 * }</pre>
 */
public interface BackendClock {

    /** Returned by {@link #nextEvent()} when the backend has nothing scheduled. */
    long NO_EVENT = Long.MAX_VALUE;

    /**
     * Called once by the kernel, before it uses the backend: the kernel's virtual clock, which the backend
     * reads to timestamp what it schedules.
     *
     * @param clock reads the kernel's clock in nanoseconds; call it on the kernel's thread only
     */
    void attach(LongSupplier clock);

    /**
     * Returns the clock time of the next event the backend has scheduled by itself (bytes arriving, a
     * connection refused), so that the kernel's clock can jump there; the backend's
     * {@link ReadinessSelector#select select} delivers every event due at or before the clock's time.
     *
     * @return that time in nanoseconds, or {@link #NO_EVENT} when nothing is scheduled
     */
    long nextEvent();
}
