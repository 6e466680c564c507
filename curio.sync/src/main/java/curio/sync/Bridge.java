package curio.sync;

import curio.api.Curio;
import curio.api.CurioException;
import curio.api.trap.Rethrow;
import curio.api.trap.Traps;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Waiting on a future from either world: the one place where the Universal* classes suspend a task
 * or block a thread.
 * <p>The completing side (any thread, any kernel) calls {@code complete}; a task wakes through its
 * kernel's MPSC entry ({@code Traps.futureWait}). A cancelled waiter cancels its future first: if that
 * fails, the value was already handed over, so the wait finishes with it and the cancellation stays
 * pending for the task's next blocking operation (CURIO-SPEC 2.5): nothing handed over is lost.
 */
final class Bridge {

    private Bridge() {}

    /**
     * Waits for {@code f}; {@code abandon} runs if the wait ends without the value.
     *
     * @param call the public name of the operation, for messages
     */
    static <T> T await(CompletableFuture<T> f, Runnable abandon, String call) {
        if (f.isDone() && !f.isCancelled()) { // already there: no cancellation point, as with a set Event
            try {
                return f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw Rethrow.unchecked(e.getCause());
            }
        }
        if (Curio.inTask()) {
            try {
                return Traps.futureWait(f, null);
            } catch (Throwable t) {
                f.cancel(false); // no-op if the value is already there
                if (!f.isCancelled() && f.isDone() && !f.isCompletedExceptionally()) {
                    Traps.setCancellation(call, t);
                    return f.join();
                }
                abandon.run();
                throw t;
            }
        }
        try {
            return f.get(); // a plain thread: the sync world blocks
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (f.cancel(false) || f.isCancelled()) {
                abandon.run();
                throw new CurioException(call + " interrupted; the thread's interrupt flag is still set", e);
            }
            return f.join();
        } catch (ExecutionException e) {
            throw Rethrow.unchecked(e.getCause());
        } catch (CancellationException e) {
            abandon.run();
            throw new CurioException(call + ": the wait was cancelled", e);
        }
    }
}
