package curio.api;

import curio.api.internal.TaskContext;
import curio.api.trap.Rethrow;
import curio.api.trap.Traps;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An async thread (Curio's {@code spawn_thread} and {@code AWAIT}): ordinary blocking code on a real
 * thread that can still make async calls, each run for it by a backing task of the kernel that
 * spawned it. The backing task is what {@link Curio#spawnThread} returns: join it, or cancel it, and
 * the cancellation is raised at the thread's next {@link #await}.
 * <pre>{@code
 * Task<String> t = Curio.spawnThread(() -> {
 *     String line = blockingReadFromSomewhere();        // blocks this thread only
 *     AsyncThread.await(() -> Curio.sleep(Duration.ofSeconds(1)));   // runs in the kernel
 *     return line;
 * });
 * String line = t.join();
 * }</pre>
 */
public final class AsyncThread {

    /* Implementation notes. The thread and its backing task take turns through one exchange future,
     * `signal`: the thread completes it with a request (or DONE when its body ends) and blocks on the
     * request's response; the task waits on a copy of it (a cancellation cancels only the copy),
     * installs a fresh signal, runs the request, and completes the response. Because the thread
     * reads `signal` only after its response is completed, and the task replaces it only before
     * completing the response, the two never race. */

    private static final ThreadLocal<AsyncThread> CURRENT = new ThreadLocal<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Object DONE = new Object();

    private record Request(AsyncCallable<?, ?> work, CompletableFuture<Object> response) {}

    private volatile CompletableFuture<Object> signal = new CompletableFuture<>();
    private Object value;       // written by the thread before DONE, read by the task after it
    private Throwable failure;

    private AsyncThread() {}

    static <T> Task<T> spawn(Callable<T> body) {
        Objects.requireNonNull(body, "Curio.spawnThread(): body must not be null");
        Traps.requireThreadWaits("Curio.spawnThread()"); // refused before the thread starts, not at its join
        AsyncThread at = new AsyncThread();
        TaskContext.Handoff context = TaskContext.handoff(); // the spawning task's context, for the thread
        Thread thread = Thread.ofPlatform().name("curio-async-thread-" + IDS.incrementAndGet()).unstarted(() -> {
            CURRENT.set(at);
            try {
                at.value = context.run(body);
            } catch (Throwable t) {
                at.failure = t;
            } finally {
                CURRENT.remove();
                at.signal.complete(DONE);
            }
        });
        Task<T> task = Traps.spawn("Curio.spawnThread()", at::serve, false);
        thread.start();
        return task;
    }

    /** The backing task: serves the thread's requests until its body ends. */
    @SuppressWarnings("unchecked")
    private <T> T serve() {
        Throwable pendingCancel = null;
        while (true) {
            Object message;
            try {
                message = Traps.futureWait(signal.copy(), null);
            } catch (CancelledError e) {
                pendingCancel = e; // delivered at the thread's next await; cancellation is one-shot
                continue;
            }
            if (message == DONE) {
                if (failure != null) {
                    throw Rethrow.unchecked(failure);
                }
                return (T) value;
            }
            Request request = (Request) message;
            signal = new CompletableFuture<>();
            if (pendingCancel != null) {
                request.response().completeExceptionally(pendingCancel);
                pendingCancel = null;
                continue;
            }
            try {
                request.response().complete(request.work().call());
            } catch (Throwable t) {
                request.response().completeExceptionally(t);
            }
        }
    }

    /**
     * Runs async code in the kernel on behalf of the calling async thread, blocking the thread until it
     * is done; returns its value or throws its exception (a cancellation of the backing task included).
     *
     * @param <T> the type of the result
     * @param work the work to run
     * @return the body's result
     * @param <X> the checked exception the work may throw, rethrown here unchanged
     * @throws X what the work throws
     * @throws IllegalStateException if the caller is not an async thread
     */
    @SuppressWarnings("unchecked")
    public static <T, X extends Exception> T await(AsyncCallable<T, X> work) throws X {
        Objects.requireNonNull(work, "AsyncThread.await(): work must not be null");
        AsyncThread at = CURRENT.get();
        if (at == null) {
            throw new IllegalStateException("AsyncThread.await() called from a thread that is not an async thread;"
                    + " start one with Curio.spawnThread(...)" + (Curio.inTask() ? " (inside a task, call the"
                    + " async code directly)" : ""));
        }
        Request request = new Request(work, new CompletableFuture<>());
        at.signal.complete(request);
        try {
            return (T) request.response().get(); // the async thread blocks: it is the sync world
        } catch (ExecutionException e) {
            throw Rethrow.unchecked(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CurioException("AsyncThread.await() interrupted", e);
        }
    }

    /**
     * {@link #await(AsyncCallable)} for async code with no result.
     *
     * @param <X> the checked exception the work may throw, rethrown here unchanged
     * @param work the work to run
     * @throws X what the work throws
     */
    public static <X extends Exception> void await(AsyncRunnable<X> work) throws X {
        await(Objects.requireNonNull(work, "AsyncThread.await(): work must not be null").asCallable());
    }

    /**
     * Returns true when called from an async thread.
     *
     * @return true when called from an async thread
     */
    public static boolean inAsyncThread() {
        return CURRENT.get() != null;
    }
}
