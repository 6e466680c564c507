package curio.api.spi;

import java.net.InetAddress;
import java.util.function.LongSupplier;

/**
 * A selector whose whole world is simulated on the kernel's clock: its sockets live in memory and
 * everything they do happens at a simulated instant, so that a run is a function of its seed.
 * <p>A kernel that opens one (1) runs on a virtual clock and hands it over with {@link #attach};
 * (2) does not count a wait on one of its handles as a wait on the outside world: when every task
 * waits, time jumps to the earlier of the next timer and {@link #nextEvent()}, and when neither
 * exists the run is deadlocked; (3) calls {@link #select} with a zero timeout only, since nothing
 * outside can make a handle ready; (4) refuses waits on other threads, whose real-time completion
 * would make the run differ from one time to the next; (5) installs its {@link #activation()}.
 */
public interface SimulatedSelector extends ReadinessSelector {

    /** Returned by {@link #nextEvent()} when nothing is scheduled. */
    long NO_EVENT = Long.MAX_VALUE;

    /**
     * Called once by the kernel before any other method: the kernel's virtual clock, in nanoseconds.
     *
     * @param clock reads the kernel's clock; kernel thread only
     */
    void attach(LongSupplier clock);

    /**
     * The clock time of the next event the simulation has scheduled by itself (bytes arriving, a
     * connection being refused), or {@link #NO_EVENT}. {@link #select} delivers every event due at or
     * before the clock's time.
     *
     * @return the clock time, in nanoseconds, or {@link #NO_EVENT}
     */
    long nextEvent();

    /**
     * Resolves a host name inside the simulation (a simulated host's name, {@code localhost}, an
     * address literal), where a real selector would ask DNS from another thread.
     *
     * @param host the name
     * @return its addresses, never empty
     * @throws java.net.UnknownHostException if no simulated host has that name
     */
    InetAddress[] resolve(String host) throws java.net.UnknownHostException;

    /**
     * The generator the kernel shuffles with the tasks that became ready in the same cycle (at the same
     * instant) before it runs them, to explore other legal schedules; null, the default, keeps Curio's
     * first-in, first-out order. Asked once per cycle.
     *
     * @return the generator, or null
     */
    /**
     * Returns the program's own randomness in this world ({@link curio.api.Curio#random()}), drawn from the seed so
     * that a run stays a function of it; null leaves the kernel's default.
     *
     * @return the generator, or null
     */
    default java.util.random.RandomGenerator random() {
        return null;
    }

    /**
     * Returns the generator of the ready-task shuffle, or null when tasks ready at once run in Curio's order.
     *
     * @return the generator, or null
     */
    default java.util.random.RandomGenerator readyShuffle() {
        return null;
    }

    /**
     * The hook through which the simulation watches the kernel's tasks (which simulated host each runs
     * on, every switch for its trace), installed by the kernel after the builder's own; null, the
     * default, for none. Asked once, when the kernel opens the selector.
     *
     * @return the hook, or null
     */
    default curio.api.Activation activation() {
        return null;
    }
}
