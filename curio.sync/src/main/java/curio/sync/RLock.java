package curio.sync;

import curio.api.Task;
import curio.api.TaskState;
import curio.api.trap.Owned;
import curio.api.trap.SchedFIFO;
import curio.api.trap.Traps;

/**
 * A reentrant lock (Curio's {@code RLock}): the owning task may acquire it again; it is free once
 * released as many times as acquired. Only the owner may release it. Fair, with direct hand-off.
 * <pre>{@code
 * try (var outer = rlock.hold(); var inner = rlock.hold()) { ... }
 * }</pre>
 * Not thread-safe: a lock belongs to the tasks of one kernel.
 */
public final class RLock implements Owned {

    private static final TaskState LOCK_ACQUIRE = TaskState.of("LOCK_ACQUIRE"); // Curio's name for this wait

    private Task<?> owner;                                // kernel thread only; null when free
    private int depth;                                    // kernel thread only
    private final SchedFIFO waiters = new SchedFIFO(this);    // tasks blocked in acquire()

    /** Creates a free lock. */
    public RLock() {}

    /**
     * Acquires the lock, or acquires it once more if the calling task owns it.
     * Must be called from a task; from a plain thread it throws {@code IllegalStateException}.
     */
    public void acquire() {
        Task<?> me = Traps.currentTask();
        if (owner == me) {
            depth++;
        } else if (owner == null) {
            owner = me;
            depth = 1;
        } else {
            waiters.suspend(LOCK_ACQUIRE); // woken as the owner, depth 1
        }
    }

    /**
     * Releases one level; the last one hands the lock to the longest waiter. Must be called from a task.
     *
     * @throws IllegalStateException if the calling task does not own the lock
     */
    public void release() {
        Task<?> me = Traps.currentTask();
        if (owner != me) {
            throw new IllegalStateException("RLock.release(): task " + me.id() + " does not own the lock"
                    + (owner == null ? " (it is free)" : " (task " + owner.id() + " does)"));
        }
        if (--depth > 0) {
            return;
        }
        owner = waiters.peek();
        if (owner != null) {
            depth = 1;
            waiters.wake(1);
        }
    }

    /**
     * Returns whether any task holds the lock.
     *
     * @return whether any task holds the lock
     */
    public boolean locked() {
        return owner != null;
    }

    /**
     * Returns how many times the owner has acquired the lock; 0 when free.
     *
     * @return how many times the owner has acquired the lock; 0 when free
     */
    public int depth() {
        return owner == null ? 0 : depth;
    }

    /**
     * Acquires now and returns a handle whose {@code close()} releases once. Must be called from a task.
     *
     * @return the handle; closing it releases the lock once
     */
    public Held hold() {
        acquire();
        return this::release;
    }

    /** The owning task while the lock is held. Kernel thread only. */
    @Override
    public java.util.List<Task<?>> owners() {
        return owner == null ? java.util.List.of() : java.util.List.of(owner);
    }

    @Override
    public String toString() {
        return "RLock[" + (owner == null ? "free" : "owner=" + owner.id() + ", depth=" + depth)
                + ", waiting=" + waiters.size() + "]";
    }
}
