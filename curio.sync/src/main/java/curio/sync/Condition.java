package curio.sync;

import curio.api.Curio;
import curio.api.TaskState;
import curio.api.trap.SchedFIFO;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A condition variable for tasks (Curio's {@code Condition}; {@code wait}/{@code notify} are
 * {@link #await()}/{@link #signal()} because Java's are final). Waiters are woken in FIFO order.
 * <pre>{@code
 * try (var held = cond.hold()) {
 *     Item item = cond.awaitUntil(() -> queue.poll());   // re-checks after every signal
 * }
 * }</pre>
 * Not thread-safe: a condition belongs to the tasks of one kernel.
 */
public final class Condition {

    private static final TaskState COND_WAIT = TaskState.of("COND_WAIT"); // Curio's name for this wait

    private final Lock lock;
    private final SchedFIFO waiters = new SchedFIFO(this);    // tasks blocked in await()

    /** Creates a condition with its own new lock. */
    public Condition() {
        this(new Lock());
    }

    /**
     * Creates a condition over an existing lock.
     *
     * @param lock the lock
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "Condition: lock must not be null");
    }

    /** Acquires the condition's lock. Must be called from a task. */
    public void acquire() {
        lock.acquire();
    }

    /** Releases the condition's lock. Must be called from a task. */
    public void release() {
        lock.release();
    }

    /**
     * Returns whether the condition's lock is held.
     *
     * @return whether the condition's lock is held
     */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Acquires the lock now and returns a handle whose {@code close()} releases it. Must be called from a task.
     *
     * @return the handle; closing it releases the lock
     */
    public Held hold() {
        lock.acquire();
        return lock::release;
    }

    /**
     * Releases the lock, waits for a signal, and re-acquires the lock before returning, also when
     * the wait is cancelled or times out: the cancellation escapes only with the lock held again.
     * Must be called from a task.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void await() {
        if (!lock.locked()) {
            throw new IllegalStateException("Condition.await(): can't wait on an unacquired lock");
        }
        lock.release();
        try {
            waiters.suspend(COND_WAIT);
        } finally {
            Curio.disableCancellation(lock::acquire);
        }
    }

    /**
     * Waits until {@code predicate} gives a value that is neither null nor {@code false}, and returns
     * it. The predicate is evaluated with the lock held, first at once and then after each signal.
     * Must be called from a task.
     *
     * @param <T> the type of the result
     * @param predicate tested after each wake-up
     * @return the body's result
     * @throws IllegalStateException if the lock is not held
     */
    public <T> T awaitUntil(Supplier<T> predicate) {
        Objects.requireNonNull(predicate, "Condition.awaitUntil(): predicate must not be null");
        while (true) {
            T value = predicate.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            await();
        }
    }

    /** Wakes the longest waiter, if any. Must be called from a task. @throws IllegalStateException if the lock is not held */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters. With fewer waiters it wakes those there are (Curio 1.6 crashed the
     * kernel here, CURIO-SPEC 14.1). Must be called from a task.
     *
     * @param n the most waiting tasks to notify
     * @throws IllegalStateException if the lock is not held
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Condition.signal(): n must not be negative, got " + n);
        }
        if (!lock.locked()) {
            throw new IllegalStateException("Condition.signal(): can't signal on an unacquired lock");
        }
        if (!waiters.isEmpty()) {
            waiters.wake(n);
        }
    }

    /** Wakes every waiter. Must be called from a task. @throws IllegalStateException if the lock is not held */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /**
     * Returns how many tasks wait for a signal.
     *
     * @return how many tasks wait for a signal
     */
    public int waiting() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "Condition[" + lock + ", waiting=" + waiters.size() + "]";
    }
}
