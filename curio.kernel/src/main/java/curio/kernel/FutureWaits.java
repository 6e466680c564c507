package curio.kernel;

import curio.api.TaskState;
import curio.api.spi.ThreadWaits;
import curio.api.trap.BlockingTrap.FutureWait;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for another thread: a task suspends on a {@link CompletableFuture} that a worker thread, a file
 * operation or a subprocess completes, and the completion comes back through the loop's inbox.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>A waiting task's {@code future} is the one it waits for; it is cleared, with {@link #waiting}
 *     decremented, exactly once: by the completion or by the undo of a cancel or timeout.</li>
 * <li>{@link #waiting} counts tasks waiting on the outside world: while it is not zero, a virtual clock
 *     must not jump.</li>
 * <li>When the backend refuses thread waits ({@link ThreadWaits}), none ever starts.</li>
 * </ul>
 */
final class FutureWaits {

    private final TaskLoop loop;
    private final ThreadWaits allowed;
    private int waiting;

    FutureWaits(TaskLoop loop, ThreadWaits allowed) {
        this.loop = loop;
        this.allowed = allowed;
    }

    int waiting() {
        return waiting;
    }

    /**
     * Suspends {@code t} until {@code wait}'s future completes on another thread, after running the wait's
     * start action (which hands the work to that thread).
     * <p>Discussion: the stale future. A task that waits for a future can leave before it completes
     * (cancelled, timed out); the completion still arrives later, posted from whatever thread completed
     * it. The task remembers the future it waits for, and a completion for any other future (or for none)
     * is dropped: otherwise a late result would resume a task that has since gone on to wait for something
     * else, handing it a value it never asked for. Leaving also cancels the future, as a courtesy to work
     * that has not started; work already running finishes and is ignored.
     */
    void await(KernelTask<?> t, FutureWait wait) {
        CompletableFuture<?> f = Objects.requireNonNull(wait.future(), "future wait on a null future");
        if (!allowed.allowed()) {
            throw new IllegalStateException("task " + t.id() + " of " + loop.name() + " waits for another thread"
                    + " (a worker, a file, a subprocess, a future), and its backend refuses thread waits: "
                    + allowed.reason());
        }
        t.future = f;
        waiting++;
        t.cancelAction = () -> {
            t.future = null;
            waiting--;
            f.cancel(false);
        };
        t.state(TaskState.FUTURE_WAIT);
        f.whenComplete((value, error) -> loop.post(() -> done(t, f, value, error)));
        if (wait.start() != null) {
            try {
                wait.start().run();
            } catch (Throwable e) {
                t.cancelAction.run();
                t.cancelAction = null;
                throw e;
            }
        }
    }

    private void done(KernelTask<?> t, CompletableFuture<?> f, Object value, Throwable error) {
        if (t.future != f) {
            return; // stale: the task was cancelled or timed out meanwhile
        }
        t.future = null;
        waiting--;
        t.cancelAction = null;
        if (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        t.resumeError = error;
        t.resumeValue = value;
        loop.reschedule(t);
    }
}
