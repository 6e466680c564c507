package curio.api.internal;

import curio.api.Task;

/**
 * The kernel's slots in every I/O handle ({@link curio.api.spi.IoHandle} extends this): the task waiting
 * to read, the task waiting to write, and the interest last registered with the selector. Keeping them in
 * the handle lets a readiness report find its waiter without a lookup.
 * <p>Only the kernel touches them, through {@link KernelAccess}; this package is exported to
 * {@code curio.kernel} alone, and the fields are package-private.
 */
public abstract class IoSlots {

    // Invariant: at most one task waits per direction (CURIO-SPEC 9.1); interest covers (reader, writer)
    // lazily, since the kernel drops an interest bit only when the selector reports readiness nobody waits
    // for. Kernel thread only.
    Task<?> reader;
    Task<?> writer;
    int interest;

    /** For {@code IoHandle}. */
    protected IoSlots() {}
}
