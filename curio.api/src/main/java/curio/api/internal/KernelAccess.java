package curio.api.internal;

import curio.api.Task;
import java.util.function.Consumer;

/**
 * What only the kernel may touch, in one place: the waiter slots and interest of I/O handles, and the
 * tasks on wait queues. In the spirit of the JDK's {@code SharedSecrets}: the state lives, package-private,
 * in the classes here that the exported types extend ({@link IoSlots} under {@code IoHandle},
 * {@link WaitList} under {@code SchedQueue}), and this package is exported to {@code curio.kernel} alone,
 * so no backend, primitive or application can reach it. An ArchUnit rule keeps every other module out.
 * <p>Every method is for the thread holding the kernel.
 */
public final class KernelAccess {

    private KernelAccess() {}

    /**
     * Returns the task waiting to read {@code handle}.
     *
     * @param handle an I/O handle
     * @return the task, or null when none waits
     */
    public static Task<?> reader(IoSlots handle) {
        return handle.reader;
    }

    /**
     * Sets the task waiting to read {@code handle}.
     *
     * @param handle an I/O handle
     * @param task the waiting task, or null as the wait ends
     */
    public static void reader(IoSlots handle, Task<?> task) {
        handle.reader = task;
    }

    /**
     * Returns the task waiting to write {@code handle}.
     *
     * @param handle an I/O handle
     * @return the task, or null when none waits
     */
    public static Task<?> writer(IoSlots handle) {
        return handle.writer;
    }

    /**
     * Sets the task waiting to write {@code handle}.
     *
     * @param handle an I/O handle
     * @param task the waiting task, or null as the wait ends
     */
    public static void writer(IoSlots handle, Task<?> task) {
        handle.writer = task;
    }

    /**
     * Returns the interest registered for {@code handle}.
     *
     * @param handle an I/O handle
     * @return {@code READ}, {@code WRITE}, both or 0
     */
    public static int interest(IoSlots handle) {
        return handle.interest;
    }

    /**
     * Records the interest just given to the selector for {@code handle}.
     *
     * @param handle an I/O handle
     * @param ops {@code READ}, {@code WRITE}, both or 0
     */
    public static void interest(IoSlots handle, int ops) {
        handle.interest = ops;
    }

    /**
     * Adds a task that is about to suspend on {@code queue}, at its end.
     *
     * @param queue the wait queue
     * @param task the suspending task
     * @return the action that takes the task off the queue again, run if it is cancelled or times out
     */
    public static Runnable enqueue(WaitList queue, Task<?> task) {
        return queue.add(task);
    }

    /**
     * Takes up to {@code n} tasks off {@code queue}, longest waiting first, and hands each to {@code ready}.
     *
     * @param queue the wait queue
     * @param n how many to wake at most; {@code Integer.MAX_VALUE} for all
     * @param ready receives each woken task, in order
     * @return how many were woken
     */
    public static int dequeue(WaitList queue, int n, Consumer<Task<?>> ready) {
        return queue.wake(n, ready);
    }
}
