package curio.sync;

import curio.api.TaskState;
import curio.api.trap.SchedFIFO;

/**
 * A counting semaphore for tasks (Curio's {@code Semaphore}). Fair, with direct hand-off: a release
 * with waiters gives the permit straight to the longest waiter. As in Curio 1.6, releasing more than
 * was acquired raises the value above its start; {@link BoundedSemaphore} forbids that.
 * <pre>{@code
 * Semaphore slots = new Semaphore(3);
 * try (var held = slots.hold()) { download(); }   // at most 3 at a time
 * }</pre>
 * Not thread-safe: a semaphore belongs to the tasks of one kernel.
 */
@SuppressWarnings("this-escape") // a wait queue only keeps its owner, to name it in reports; it reads nothing of it
public class Semaphore {

    private static final TaskState SEMA_ACQUIRE = TaskState.of("SEMA_ACQUIRE"); // Curio's name for this wait

    private int value;                                    // kernel thread only
    private final SchedFIFO waiters = new SchedFIFO(this);    // tasks blocked in acquire()

    /**
     * Creates a semaphore with {@code n} permits.
     *
     * @param n the initial count of permits, not negative
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Semaphore(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Semaphore: initial value must not be negative, got " + n);
        }
        this.value = n;
    }

    /**
     * Takes a permit, waiting in FIFO order if none is free. Must be called from a task; from a plain
     * thread it throws {@code IllegalStateException}.
     */
    public void acquire() {
        if (value > 0) {
            value--;
        } else {
            waiters.suspend(SEMA_ACQUIRE); // woken holding the permit
        }
    }

    /** Returns a permit, handing it to the longest waiter if there is one. Must be called from a task. */
    public void release() {
        if (waiters.isEmpty() || waiters.wake(1) == 0) {
            checkRelease(value);
            value++;
        }
    }

    /** Hook for {@link BoundedSemaphore}: called before a release raises the value. */
    void checkRelease(int current) {}

    /**
     * Returns the number of free permits.
     *
     * @return the number of free permits
     */
    public int value() {
        return value;
    }

    /**
     * Returns true when no permit is free.
     *
     * @return true when no permit is free
     */
    public boolean locked() {
        return value == 0;
    }

    /**
     * Returns how many tasks wait for a permit.
     *
     * @return how many tasks wait for a permit
     */
    public int waiting() {
        return waiters.size();
    }

    /**
     * Acquires now and returns a handle whose {@code close()} releases. Must be called from a task.
     *
     * @return the handle; closing it releases the permit
     */
    public Held hold() {
        acquire();
        return this::release;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[value=" + value + ", waiting=" + waiters.size() + "]";
    }
}
