package curio.api.spi;

import curio.api.Task;
import java.io.Closeable;

/**
 * Something a task can wait on with {@code Traps.readWait/writeWait}: a socket of some selector backend.
 * <p>A handle carries the kernel's bookkeeping for it, so that a readiness event finds its waiter without
 * a lookup: the task waiting to read, the task waiting to write (one each at a time, CURIO-SPEC 9.1), and
 * the interest last registered. The kernel alone writes these, on its own thread; a backend reads
 * {@link #interest()} (inside {@link ReadinessSelector#interest} it is still the previous value) and keeps
 * no copy of its own.
 */
public abstract class IoHandle implements Closeable {

    // Invariant: at most one task waits per direction; interest covers (reader, writer) lazily:
    // the kernel drops an interest bit only when the selector reports readiness nobody waits for.
    private Task<?> reader;  // kernel thread only
    private Task<?> writer;  // kernel thread only
    private int interest;    // kernel thread only; READ | WRITE registered with the selector

    /** For subclasses. */
    protected IoHandle() {}

    /**
     * Kernel side: the task waiting to read, or null.
     *
     * @return the task
     */
    public final Task<?> reader() { return reader; }
    /**
     * Kernel side: sets the task waiting to read ({@code null}: none).
     *
     * @param task the task
     */
    public final void reader(Task<?> task) { reader = task; }
    /**
     * Kernel side: the task waiting to write, or null.
     *
     * @return the task
     */
    public final Task<?> writer() { return writer; }
    /**
     * Kernel side: sets the task waiting to write ({@code null}: none).
     *
     * @param task the task
     */
    public final void writer(Task<?> task) { writer = task; }
    /**
     * The interest registered with the selector: {@link ReadinessSelector#READ} and/or {@code WRITE}.
     *
     * @return how many
     */
    public final int interest() { return interest; }
    /**
     * Kernel side: records the interest just given to {@link ReadinessSelector#interest}.
     *
     * @param ops READ, WRITE or both
     */
    public final void interest(int ops) { interest = ops; }

    /**
     * Returns true once closed.
     *
     * @return true once closed
     */
    public abstract boolean isClosed();

    /** A short description for messages, e.g. {@code "tcp socket /127.0.0.1:8080"}. */
    @Override
    public abstract String toString();
}
