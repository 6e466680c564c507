package curio.api.spi;

import curio.api.internal.IoSlots;
import java.io.Closeable;

/**
 * Something a task can wait on with {@code Traps.readWait/writeWait}: a socket of some selector backend.
 * <p>A handle carries the kernel's bookkeeping for it, so that a readiness event finds its waiter without
 * a lookup: the task waiting to read, the task waiting to write (one each at a time, CURIO-SPEC 9.1), and
 * the interest last registered. Only the kernel reaches them; a backend learns the interest from
 * {@link ReadinessSelector#interest} and keeps what it needs of it.
 */
@SuppressWarnings("exports") // IoSlots is the kernel's half, reachable by curio.kernel alone
public abstract class IoHandle extends IoSlots implements Closeable {

    /** For subclasses. */
    protected IoHandle() {}

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
