package curio.kernel;

import curio.api.spi.ReadinessSelector;
import curio.api.spi.ReadyHandler;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * How tasks are suspended and resumed: the one thing the two carriers do differently.
 * <p>Contract: exactly one party holds the kernel at any moment, the loop or one task's fiber, and
 * each hand-over is a happens-before edge. {@link #run} asks the {@link Scheduler} for fibers and
 * runs each until it suspends or ends; a fiber gives control back by {@link Fiber#suspend()} or by
 * ending. Where the next fiber is chosen is the carrier's business: the continuation carrier returns
 * to the loop every time; the virtual carrier lets the suspending task's own thread ask the scheduler
 * and hand over straight to the next task, one thread hand-off per switch instead of two.
 */
interface Carrier {

    /** Stable id: {@code "continuation"} or {@code "virtual"}. */
    String name();

    /**
     * Creates the fiber of {@code task}, which runs {@link CurioKernel#runBody} for it; it starts the
     * first time the scheduler hands it out.
     */
    Fiber fiber(KernelTask<?> task);

    /** Runs the kernel on a thread this carrier can switch from, and returns the callable's value. */
    <T> T drive(Callable<T> kernelWork) throws Exception;

    /**
     * Runs fibers as {@code scheduler} hands them out until it hands out null; called on the thread
     * {@link #drive} provides. An exception from the scheduler, wherever it was asked, ends this call.
     */
    void run(Scheduler scheduler);

    /**
     * Waits in {@code selector} for I/O, as the loop's poll phase does. A carrier whose loop may run
     * on a virtual thread must not make a blocking system call there (an FFM downcall pins the
     * carrier thread, and the JDK does not compensate), so it may hand a waiting poll to a platform
     * thread. The handler runs before this returns, with the caller still holding the kernel.
     *
     * @param selector the kernel's selector
     * @param timeoutNanos how long to wait; 0 never blocks, -1 waits until woken
     * @param handler receives each ready handle
     * @return how many handles were reported
     * @throws IOException if the selector fails
     */
    default int select(ReadinessSelector selector, long timeoutNanos, ReadyHandler handler) throws IOException {
        return selector.select(timeoutNanos, handler);
    }

    /**
     * Returns the thread running the fiber that holds the kernel now (the loop's thread for continuations,
     * the task's own for virtual threads), or null; read from another thread, for a sampled stack.
     */
    Thread runningThread();

    /** The kernel's side of the loop. */
    interface Scheduler {
        /**
         * Closes the books on the fiber that ran last (if any), chooses the next one (polling and
         * expiring timers when a cycle ends), marks it running and returns it; null when the loop is over.
         * Called only by whoever holds the kernel.
         */
        Fiber next();
    }

    /** A suspendable computation. */
    interface Fiber {
        /** Fiber side: gives up the kernel until the scheduler hands this fiber out again. */
        void suspend();

        /** Returns true once the body has ended. */
        boolean done();

        /** The fiber's stack while it is suspended (for the monitor's {@code where}). */
        StackTraceElement[] stack();
    }
}
