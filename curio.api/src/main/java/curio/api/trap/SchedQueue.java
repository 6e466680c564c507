package curio.api.trap;

import curio.api.TaskState;
import curio.api.internal.WaitList;

/**
 * A queue of suspended tasks: the one waiting abstraction every primitive is built from
 * (Curio's {@code SchedBase}).
 * <p>A task suspends with {@link #suspend(TaskState)}; another task wakes waiters with {@link #wake(int)}.
 * Both are thin wrappers over {@link Traps#schedulerWait} and {@link Traps#schedulerWake}.
 * The waiters themselves are the kernel's: it enqueues a suspending task and keeps an undo action,
 * which it runs if the task is cancelled or times out, so a cancelled waiter never stays behind.
 * <p>Not thread-safe: a queue belongs to tasks of one kernel.
 */
@SuppressWarnings("exports") // WaitList is the kernel's half, reachable by curio.kernel alone
public abstract sealed class SchedQueue extends WaitList permits SchedFIFO, SchedBarrier {

    private final Object owner; // what a task waiting here waits for, as reports show it; may be null

    SchedQueue(Object owner) {
        this.owner = owner;
    }

    /**
     * Returns the primitive this queue belongs to (an {@code Event}, a {@code Lock}, a task being joined),
     * or null: what deadlock reports and the monitor show a waiting task waits on. A primitive whose
     * release depends on particular tasks implements {@link Owned}, so that wait-for cycles are found.
     *
     * @return the owning primitive, or null if the queue was made without one
     */
    public final Object owner() {
        return owner;
    }

    /**
     * Returns the number of suspended tasks.
     *
     * @return the number of suspended tasks
     */
    public final int size() {
        return waiting();
    }

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
     * @param n the most tasks to wake
     * @return how many tasks were woken
     */
    public final int wake(int n) {
        return Traps.schedulerWake(this, n);
    }

    /**
     * Wakes every waiting task; never blocks.
     *
     * @return how many tasks were woken
     */
    public final int wakeAll() {
        return Traps.schedulerWake(this, Integer.MAX_VALUE);
    }
}
