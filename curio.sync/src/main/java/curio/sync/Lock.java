package curio.sync;

import curio.api.Task;
import curio.api.TaskState;
import curio.api.trap.Owned;
import curio.api.trap.SchedFIFO;
import curio.api.trap.Traps;
import java.util.List;

/**
 * A mutual-exclusion lock for tasks (Curio's {@code Lock}). Fair: waiters acquire in FIFO order and
 * {@link #release()} hands the lock straight to the next waiter, so no task can barge in between.
 * Acquiring a free lock is not a cancellation point. As in Curio, any task may release it.
 * <pre>{@code
 * try (var held = lock.hold()) {
 *     ...                               // at most one task here
 * }
 * }</pre>
 * Not thread-safe: a lock belongs to the tasks of one kernel.
 */
public final class Lock implements Owned {

    private static final TaskState LOCK_ACQUIRE = TaskState.of("LOCK_ACQUIRE"); // Curio's name for this wait

    /* Implementation notes. A woken waiter already owns the lock (hand-off); if it is cancelled after
     * being woken, the cancellation stays pending and its acquire still completes, so the lock is
     * never lost. A waiter cancelled while queued is simply removed from the queue. */

    private boolean locked;                               // kernel thread only
    private Task<?> holder;                               // kernel thread only; who acquired it, for reports
    private final SchedFIFO waiters = new SchedFIFO(this); // tasks blocked in acquire()

    /** Creates an unlocked lock. */
    public Lock() {}

    /**
     * Acquires the lock, waiting in FIFO order if it is held. Must be called from a task; from a
     * plain thread it throws {@code IllegalStateException}.
     */
    public void acquire() {
        if (locked) {
            waiters.suspend(LOCK_ACQUIRE); // woken as the new owner
        } else {
            locked = true;
            holder = Traps.currentTask("Lock.acquire()");
        }
    }

    /**
     * Releases the lock, handing it to the longest waiter if there is one. Must be called from a task.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock.release(): the lock is not acquired");
        }
        holder = waiters.peek(); // the next owner, or null
        if (waiters.isEmpty() || waiters.wake(1) == 0) {
            locked = false;
            holder = null;
        }
    }

    /** The task that acquired the lock (or was handed it), while it is held. Kernel thread only. */
    @Override
    public List<Task<?>> owners() {
        return holder == null ? List.of() : List.of(holder);
    }

    /**
     * Returns whether the lock is held.
     *
     * @return whether the lock is held
     */
    public boolean locked() {
        return locked;
    }

    /**
     * Acquires now and returns a handle whose {@code close()} releases. Must be called from a task.
     *
     * @return the handle; closing it releases the lock
     */
    public Held hold() {
        acquire();
        return this::release;
    }

    /**
     * Returns a snapshot for monitoring.
     *
     * @return a snapshot for monitoring
     */
    public LockStatistics statistics() {
        return new LockStatistics(locked, waiters.size());
    }

    /**
     * What a lock is doing.
     *
     * @param locked whether it is held
     * @param waiting how many tasks wait for it
     */
    public record LockStatistics(boolean locked, int waiting) {}

    @Override
    public String toString() {
        return "Lock@" + Integer.toHexString(System.identityHashCode(this)) + "[" + (locked ? "locked"
                + (holder == null ? "" : " by task " + holder.id()) : "unlocked") + ", waiting=" + waiters.size() + "]";
    }
}
