package curio.api.spi;

import java.io.IOException;

/**
 * One kernel's readiness selector: registers interest in handles, waits for readiness, and can be
 * woken from any thread. Also the factory for its own handles, which are usable only with it.
 * <p>Every method except {@link #wakeup()} is called on the owning kernel's thread only.
 */
public interface ReadinessSelector extends AutoCloseable {

    /** Interest and readiness bit: readable (or, for a listener, acceptable). */
    int READ = 1;
    /** Interest and readiness bit: writable (or, for a connecting socket, connected). */
    int WRITE = 4;

    /**
     * Returns the provider's name.
     *
     * @return the provider's name
     */
    String name();

    /**
     * Opens a non-blocking socket of the given kind.
     *
     * @param kind the kind of socket
     * @return the socket
     * @throws IOException if the OS refuses (the message names the kind)
     */
    SocketHandle openSocket(SocketKind kind) throws IOException;

    /**
     * Makes a FIFO (a named pipe) at {@code fifo}, which must not exist yet, and opens its reading end,
     * non-blocking, as a handle of this selector: whoever then opens the path for writing (a child
     * process whose output is redirected there) feeds a pipe that tasks read without a thread in
     * between. The caller removes the path once the writer has it open. Backends that cannot poll a
     * pipe keep this default, which refuses.
     *
     * @param fifo where to make the FIFO
     * @return the reading end
     * @throws IOException if the FIFO cannot be made or opened (the message names the path)
     * @throws UnsupportedOperationException if this backend cannot poll a pipe
     */
    default PipeHandle openFifoReader(java.nio.file.Path fifo) throws IOException {
        throw new UnsupportedOperationException("the " + name() + " selector cannot poll a pipe");
    }

    /**
     * Sets the readiness the kernel wants reported for {@code handle}; 0 for none.
     * Readiness is level-triggered: a handle stays reported while ready and interesting.
     *
     * @param handle the handle
     * @param ops READ, WRITE or both
     * @throws IOException if the handle is closed or the OS refuses
     */
    void interest(IoHandle handle, int ops) throws IOException;

    /**
     * Returns true if {@code handle} was opened by this selector: a kernel refuses to wait on a handle
     * of another kernel's selector, which would never report it.
     *
     * @param handle any handle
     * @return whether this selector opened it
     */
    boolean owns(IoHandle handle);

    /**
     * Waits until a handle of interest is ready, the timeout passes, or {@link #wakeup()} is called, and
     * reports every ready handle to {@code handler}.
     *
     * @param timeoutNanos 0 polls without waiting, negative waits without limit
     * @param handler receives each ready handle and its ready directions, on this thread
     * @return the number of handles reported
     * @throws IOException if the I/O fails
     */
    int select(long timeoutNanos, ReadyHandler handler) throws IOException;

    /**
     * Returns what this backend offers the kernel in place of the real world's way, or null to leave the
     * kernel's real-world default. The kinds a kernel asks for, each with its default:
     * <ul>
     * <li>{@link BackendClock}: the backend keeps the time (default: the machine's clock);</li>
     * <li>{@link NameResolver}: host names (default: the JDK's resolver on a worker thread);</li>
     * <li>{@link Disk}: the files tasks open (default: the machine's file system on worker threads);</li>
     * <li>{@link ThreadWaits}: whether tasks may wait for other threads (default: they may);</li>
     * <li>{@link Randomness}: {@code Curio.random()} and the order of tasks ready at once (default: the
     *     thread's generator, first-in first-out);</li>
     * <li>{@link curio.api.Activation}: the backend's own watch on the kernel's tasks, installed after the
     *     builder's (default: none).</li>
     * </ul>
     * The kernel asks once per kind, when it opens the selector; {@code curio.net} and other modules ask
     * through {@code Traps.capability}. A kind the backend does not know is answered with null.
     * <pre>{@code
     * public <C> C capability(Class<C> kind) {
     *     return kind == NameResolver.class ? kind.cast(myNames) : null;
     * }
     * }</pre>
     *
     * @param <C> the kind of capability
     * @param kind the capability's interface
     * @return this backend's capability of that kind, or null to leave the real-world default
     */
    default <C> C capability(Class<C> kind) {
        return null;
    }

    /** Makes the current or next {@link #select} return at once; callable from any thread. */
    void wakeup();

    /** Closes the selector; handles opened from it should be closed first. */
    @Override
    void close() throws IOException;
}
