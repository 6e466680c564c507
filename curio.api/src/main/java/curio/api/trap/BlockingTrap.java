package curio.api.trap;

import curio.api.TaskState;
import curio.api.spi.IoHandle;
import java.util.concurrent.CompletableFuture;

/**
 * The request a task makes when it must suspend: the five blocking traps of Curio.
 * <p>The hierarchy is sealed so that the kernel dispatches it exhaustively: adding a trap fails to
 * compile until the kernel handles it. Every blocking trap first raises a pending cancellation
 * (if cancellation is allowed) and then does nothing else. Primitive authors call {@link Traps},
 * which builds these records; they are public so that activations can see what a task waits on.
 */
@SuppressWarnings("exports") // KernelTrap is how the kernel's door takes it, reachable by curio.kernel alone
public sealed interface BlockingTrap extends curio.api.internal.KernelTrap {

    /**
     * Wait until {@code handle} is readable.
     *
     * @param handle the handle
     */
    record ReadWait(IoHandle handle) implements BlockingTrap {}

    /**
     * Wait until {@code handle} is writable.
     *
     * @param handle the handle
     */
    record WriteWait(IoHandle handle) implements BlockingTrap {}

    /**
     * Wait until {@code future} completes. {@code start} (may be null) runs after the completion
     * callback is registered, so work started by it can never be missed; it does not run at all
     * if a pending cancellation is raised first.
     *
     * @param future the future
     * @param start run once the wait is registered; may be null
     */
    record FutureWait(CompletableFuture<?> future, Runnable start) implements BlockingTrap {}

    /**
     * Sleep {@code nanos} nanoseconds; zero moves the task to the back of the ready queue. The kernel
     * resumes it with the clock value at wake-up, or with null for a zero sleep (the caller reads the
     * clock itself if it wants it, so that a plain yield costs no clock read).
     *
     * @param nanos the duration in nanoseconds
     */
    record Sleep(long nanos) implements BlockingTrap {
        /** The zero sleep, shared: a yield allocates nothing. */
        public static final Sleep YIELD = new Sleep(0);
    }

    /**
     * Suspend on a scheduler queue until another task wakes it; {@code state} is shown meanwhile.
     *
     * @param queue the wait queue
     * @param state the state shown while waiting
     */
    record SchedWait(SchedQueue queue, TaskState state) implements BlockingTrap {}
}
