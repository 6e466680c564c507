package curio.api.trap;

import curio.api.Task;
import curio.api.TaskState;
import java.util.function.Consumer;

/**
 * A queue of suspended tasks: the one waiting abstraction every primitive is built from
 * (Curio's {@code SchedBase}).
 * <p>A task suspends with {@link #suspend(TaskState)}; another task wakes waiters with {@link #wake(int)}.
 * Both are thin wrappers over {@link Traps#schedulerWait} and {@link Traps#schedulerWake}.
 * The two {@code kernel*} methods are the kernel's side of the contract: the kernel enqueues the
 * suspending task and keeps the returned undo action, which it runs if the task is cancelled or
 * times out, so a cancelled waiter never stays behind in the queue.
 * <p>Not thread-safe: a queue belongs to tasks of one kernel.
 */
public abstract sealed class SchedQueue permits SchedFIFO, SchedBarrier {

    private final Object owner; // what a task waiting here waits for, as reports show it; may be null

    SchedQueue(Object owner) {
        this.owner = owner;
    }

    /**
     * Returns the primitive this queue belongs to (an {@code Event}, a {@code Lock}, a task being joined),
     * or null: what deadlock reports and the monitor show a waiting task waits on. A primitive whose
     * release depends on particular tasks implements {@link Owned}, so that wait-for cycles are found.
     *
     * @return the primitive this queue belongs to (an {
     */
    public final Object owner() {
        return owner;
    }

    /**
     * Kernel side: adds a task that is about to suspend.
     *
     * @param task the suspending task
     * @return an action that removes the task again (run on cancellation or timeout)
     */
    public abstract Runnable kernelSuspend(Task<?> task);

    /**
     * Kernel side: removes up to {@code n} waiters, in this queue's order, and hands each to {@code ready}.
     *
     * @param n how many to wake; {@code Integer.MAX_VALUE} for all
     * @param ready receives every woken task
     * @return how many were woken
     */
    public abstract int kernelWake(int n, Consumer<Task<?>> ready);

    /**
     * Returns the number of suspended tasks.
     *
     * @return the number of suspended tasks
     */
    public abstract int size();

    /**
     * Returns true when no task waits.
     *
     * @return true when no task waits
     */
    public final boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Suspends the calling task on this queue until woken. A cancellation point.
     * Must be called from a task; from a plain thread it throws {@code IllegalStateException}.
     *
     * @param state the state shown while waiting, named by the primitive, e.g. {@code TaskState.of("EVENT_WAIT")}
     */
    public final void suspend(TaskState state) {
        Traps.schedulerWait(this, state);
    }

    /**
     * Wakes up to {@code n} waiting tasks; never blocks.
     * Must be called from a task; from a plain thread it throws {@code IllegalStateException}.
     *
     * @param n how many
     * @return how many tasks were woken
     */
    public final int wake(int n) {
        return Traps.schedulerWake(this, n);
    }

    /**
     * Wakes every waiting task; never blocks.
     *
     * @return how many
     */
    public final int wakeAll() {
        return Traps.schedulerWake(this, Integer.MAX_VALUE);
    }
}
