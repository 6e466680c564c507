package curio.api.trap;

import curio.api.Task;

/**
 * A first-in first-out queue of suspended tasks: waking one wakes the task that waited longest.
 * Locks, semaphores and queue getters use it for fairness.
 * <pre>{@code
 * private final SchedFIFO waiters = new SchedFIFO(this);
 * ...
 * waiters.suspend(TaskState.of("LOCK_ACQUIRE")); // woken in arrival order
 * }</pre>
 */
public final class SchedFIFO extends SchedQueue {

    /** Creates an empty queue. */
    public SchedFIFO() {
        super(null);
    }

    /**
     * Creates an empty queue belonging to {@code owner}, named in reports as what its waiters wait on.
     *
     * @param owner the primitive, e.g. {@code this} in a lock's constructor
     */
    public SchedFIFO(Object owner) {
        super(owner);
    }

    /**
     * Returns the task that has waited longest: the next one {@link #wake(int)} readies.
     *
     * @return that task, or null when none waits
     */
    public Task<?> peek() {
        return longestWaiting();
    }

    @Override
    public String toString() {
        return "SchedFIFO[waiting=" + size() + "]";
    }
}
