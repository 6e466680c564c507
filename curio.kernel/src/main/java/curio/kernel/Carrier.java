package curio.kernel;

import curio.api.spi.TrapHandler;
import java.util.concurrent.Callable;

/**
 * How a task is suspended and resumed: the one thing the two carriers do differently.
 * <p>Contract: a {@link Fiber} runs only inside {@link Fiber#resume()}, called by the kernel loop; it
 * gives control back by {@link Fiber#suspend()} or by ending. So exactly one of the loop and the
 * kernel's tasks runs at any moment, and each hand-over is a happens-before edge.
 */
interface Carrier {

    /** Stable id: {@code "continuation"} or {@code "virtual"}. */
    String name();

    /** Creates a fiber for a task body; it starts at the first {@link Fiber#resume()}. */
    Fiber fiber(Runnable body, TrapHandler kernel);

    /** Runs the kernel loop on a thread this carrier can switch from, and returns its value. */
    <T> T drive(Callable<T> loop) throws Exception;

    /** A suspended computation. */
    interface Fiber {
        /** Loop side: runs the fiber until it suspends or ends. */
        void resume();

        /** Fiber side: gives control back to the loop until the next {@link #resume()}. */
        void suspend();

        /** Returns true once the body has ended. */
        boolean done();

        /** The fiber's stack while it is suspended (for the monitor's {@code where}). */
        StackTraceElement[] stack();
    }
}
