package curio.kernel;

import curio.api.ReadResourceBusy;
import curio.api.Task;
import curio.api.TaskState;
import curio.api.WriteResourceBusy;
import curio.api.internal.KernelAccess;
import curio.api.spi.IoHandle;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.ReadyHandler;
import curio.api.trap.Rethrow;
import java.io.IOException;
import java.util.Objects;

/**
 * The kernel's I/O waits: which task waits on which handle in which direction, and the interest each
 * handle has registered with the selector. All of it lives in the handles' kernel slots
 * (reached through {@link KernelAccess}), so that a readiness report finds its waiter without a lookup.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>At most one task waits per handle and direction (CURIO-SPEC 9.1); a second gets
 *     {@link ReadResourceBusy} or {@link WriteResourceBusy} and its wait never starts.</li>
 * <li>A task waiting here has {@code ioHandle} set and its {@code cancelAction} is its {@code ioUndo};
 *     waking or undoing clears both sides, slot and task, together.</li>
 * <li>A handle's registered interest is a superset of the directions waited on (see "deferred
 *     unregistration" below); {@link #watched} counts handles whose interest is not zero.</li>
 * <li>{@link #outsideWaits} counts the waiting tasks that wait on the outside world: all of them, unless
 *     the backend keeps the time itself, where nothing outside can make a handle ready.</li>
 * </ul>
 */
final class IoWaits implements ReadyHandler {

    private final TaskLoop loop;
    private final ReadinessSelector selector;
    private final boolean outside;  // whether an I/O wait is a wait on the outside world (no backend clock)
    private int waiting;            // tasks waiting on a handle now
    private int watched;            // handles with a non-zero interest registered in the selector

    IoWaits(TaskLoop loop, Backend backend) {
        this.loop = loop;
        this.selector = backend.selector;
        this.outside = backend.clock == null;
    }

    /** The tasks waiting on I/O that the outside world must wake: while any do, a virtual clock holds still. */
    int outsideWaits() {
        return outside ? waiting : 0;
    }

    /** Whether a poll can report anything: some handle is watched, or the backend moves on every poll. */
    boolean pollUseful() {
        return watched != 0 || !outside;
    }

    /** Suspends {@code t} until {@code h} is ready to read ({@code read}) or write. */
    void await(KernelTask<?> t, IoHandle h, boolean read) {
        Objects.requireNonNull(h, "I/O wait on a null handle");
        if (!selector.owns(h)) {
            throw new IllegalStateException(h + " belongs to another kernel; task " + t.id() + " of " + loop.name()
                    + " cannot wait on it (a socket is used by the tasks of the kernel that opened it)");
        }
        Task<?> other = read ? KernelAccess.reader(h) : KernelAccess.writer(h);
        if (other != null) {
            String what = "task " + other.id() + " is already " + (read ? "reading " : "writing ") + h
                    + "; task " + t.id() + " cannot wait on it too";
            throw read ? new ReadResourceBusy(what) : new WriteResourceBusy(what);
        }
        if (h.isClosed()) {
            throw Rethrow.unchecked(new HandleClosed(h + " is closed; task " + t.id() + " cannot wait on it"));
        }
        setInterest(h, KernelAccess.interest(h) | (read ? ReadinessSelector.READ : ReadinessSelector.WRITE));
        if (read) {
            KernelAccess.reader(h, t);
        } else {
            KernelAccess.writer(h, t);
        }
        waiting++;
        t.ioHandle = h;
        t.ioRead = read;
        if (t.ioUndo == null) {
            t.ioUndo = () -> undo(t); // made once per task: I/O waits are the hottest path
        }
        t.cancelAction = t.ioUndo;
        t.state(read ? TaskState.READ_WAIT : TaskState.WRITE_WAIT);
    }

    /** A cancel or timeout ends {@code t}'s wait: its slot is emptied, its interest stays (deferred). */
    private void undo(KernelTask<?> t) {
        waiting--;
        if (t.ioRead) {
            KernelAccess.reader(t.ioHandle, null);
        } else {
            KernelAccess.writer(t.ioHandle, null);
        }
        t.ioHandle = null;
    }

    /**
     * The selector reports {@code handle} ready for {@code ops}: the task waiting in each ready direction
     * goes back to the ready queue.
     * <p>Discussion: deferred unregistration. When a waiter leaves (it was woken, cancelled or timed out),
     * its interest bit stays registered, because the next wait on a busy socket usually comes within a
     * cycle, and dropping and re-adding the bit would cost two system calls for nothing. The price is a
     * readiness report that nobody waits for; only then is the bit dropped, here, so a socket nobody
     * reads is reported at most once. A handle about to close drops everything first ({@link #release}),
     * since the selector must not keep a descriptor the OS may reuse.
     */
    @Override
    public void ready(IoHandle handle, int ops) {
        int drop = 0;
        if ((ops & ReadinessSelector.READ) != 0) {
            KernelTask<?> t = (KernelTask<?>) KernelAccess.reader(handle);
            if (t != null) {
                KernelAccess.reader(handle, null);
                woken(t);
            } else {
                drop |= ReadinessSelector.READ;
            }
        }
        if ((ops & ReadinessSelector.WRITE) != 0) {
            KernelTask<?> t = (KernelTask<?>) KernelAccess.writer(handle);
            if (t != null) {
                KernelAccess.writer(handle, null);
                woken(t);
            } else {
                drop |= ReadinessSelector.WRITE;
            }
        }
        if (drop != 0) {
            setInterest(handle, KernelAccess.interest(handle) & ~drop);
        }
    }

    private void woken(KernelTask<?> t) {
        waiting--;
        t.cancelAction = null;
        t.ioHandle = null;
        loop.reschedule(t);
    }

    /** Before a close: fails the tasks waiting on {@code handle} and takes its interest out of the selector. */
    void release(IoHandle handle) {
        for (Task<?> waiter : waiting(handle)) {
            if (waiter instanceof KernelTask<?> t && t.blocked()) {
                loop.interrupt(t, new HandleClosed(handle + " was closed while task " + t.id() + " waited on it"));
            }
        }
        setInterest(handle, 0);
    }

    /** The tasks waiting on {@code handle}: {@code [reader, writer]}, each possibly null. */
    Task<?>[] waiting(curio.api.internal.IoSlots handle) {
        return new Task<?>[] {KernelAccess.reader(handle), KernelAccess.writer(handle)};
    }

    private void setInterest(IoHandle h, int ops) {
        if (ops == KernelAccess.interest(h)) {
            return;
        }
        if (!h.isClosed()) { // a closed handle has left the selector already
            try {
                selector.interest(h, ops);
            } catch (IOException e) {
                throw Rethrow.unchecked(e);
            }
        }
        if (KernelAccess.interest(h) == 0) {
            watched++;
        } else if (ops == 0) {
            watched--;
        }
        KernelAccess.interest(h, ops);
    }
}
