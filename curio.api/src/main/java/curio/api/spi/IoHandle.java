package curio.api.spi;

import java.io.Closeable;

/**
 * Something a task can wait on with {@code Traps.readWait/writeWait}: a socket of some selector backend.
 * <p>The waiter slots below are the bookkeeping both backends need (one reader and one writer at a
 * time, CURIO-SPEC 9.1); the kernel owns them, backends only carry them.
 */
public abstract class IoHandle implements Closeable {

    // Invariant: at most one task waits per direction; interest mirrors (reader, writer) lazily:
    // the kernel drops an interest bit only when the selector reports readiness nobody waits for.
    private Object reader;  // kernel thread only; the task waiting to read, or null
    private Object writer;  // kernel thread only; the task waiting to write, or null
    private int interest;   // kernel thread only; ops registered with the selector

    /** For subclasses. */
    protected IoHandle() {}

    /** Kernel side: the task waiting to read, or null. */
    public final Object reader() { return reader; }
    /** Kernel side: sets the task waiting to read. */
    public final void reader(Object task) { reader = task; }
    /** Kernel side: the task waiting to write, or null. */
    public final Object writer() { return writer; }
    /** Kernel side: sets the task waiting to write. */
    public final void writer(Object task) { writer = task; }
    /** Kernel side: the interest ops last given to the selector. */
    public final int interest() { return interest; }
    /** Kernel side: records the interest ops last given to the selector. */
    public final void interest(int ops) { interest = ops; }

    /** Returns true once closed. */
    public abstract boolean isClosed();

    /** A short description for messages, e.g. {@code "tcp socket /127.0.0.1:8080"}. */
    @Override
    public abstract String toString();
}
