package curio.api;

import curio.api.internal.AbstractTask;
import curio.api.internal.Cancellations;
import curio.api.trap.Rethrow;
import curio.api.trap.SchedFIFO;
import curio.api.trap.Traps;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The entry points of curio: start a kernel from plain code, and the async calls made inside tasks.
 * <pre>{@code
 * Curio.run(() -> {
 *     Task<?> kid = Curio.spawn(() -> Curio.sleep(Duration.ofSeconds(1)));
 *     kid.join();
 * });
 * }</pre>
 * Every method but {@link #run} and {@link #inTask()} must be called from a task; from a plain thread it
 * throws {@code IllegalStateException} naming the call.
 */
public final class Curio {

    private Curio() {}

    /**
     * Runs {@code main} as the main task of a fresh kernel with the default backend, shuts the kernel
     * down (cancelling every task still alive, newest first) and returns main's result.
     *
     * @param <T> the type of the result
     * @param main the main task's code
     * @return main's result
     * @throws IllegalStateException if called from a thread that already runs a kernel
     * (main's own exception is rethrown unchanged, checked or not)
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <T, X extends Exception> T run(AsyncCallable<T, X> main) throws X {
        Objects.requireNonNull(main, "Curio.run(): main must not be null");
        try (Kernel kernel = Kernel.builder().build()) {
            return kernel.run(main);
        }
    }

    /**
     * Runs {@code main} as the main task of a fresh kernel, then shuts the kernel down.
     *
     * @param main the main task's code
     * @throws IllegalStateException if called from a thread that already runs a kernel
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <X extends Exception> void run(AsyncRunnable<X> main) throws X {
        Objects.requireNonNull(main, "Curio.run(): main must not be null");
        run(main.asCallable());
    }

    /**
     * Returns true when called from inside a curio task.
     *
     * @return true when called from inside a curio task
     */
    public static boolean inTask() {
        return Traps.inTask();
    }

    /**
     * Spawns a task; it starts once the caller blocks or yields. Never a cancellation point.
     * Must be called from a task; from a plain thread it throws {@code IllegalStateException}.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @return the new task
     */
    public static <T> Task<T> spawn(AsyncCallable<T, ?> body) {
        return Traps.spawn("Curio.spawn()", body, false);
    }

    /**
     * Spawns a task with no result. Must be called from a task.
     *
     * @param body the code to run
     * @return the new task
     */
    public static Task<Void> spawn(AsyncRunnable<?> body) {
        return spawn(Objects.requireNonNull(body, "Curio.spawn(): body").asCallable());
    }

    /**
     * Spawns a daemon task: never reported as unjoined; ignored by group results. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @return the new task
     */
    public static <T> Task<T> spawnDaemon(AsyncCallable<T, ?> body) {
        return Traps.spawn("Curio.spawnDaemon()", body, true);
    }

    /**
     * Spawns a daemon task with no result. Must be called from a task.
     *
     * @param body the code to run
     * @return the new task
     */
    public static Task<Void> spawnDaemon(AsyncRunnable<?> body) {
        return spawnDaemon(Objects.requireNonNull(body, "Curio.spawnDaemon(): body").asCallable());
    }

    /**
     * Returns the calling task. Must be called from a task.
     *
     * @return the calling task
     */
    public static Task<?> currentTask() {
        return Traps.currentTask("Curio.currentTask()");
    }

    /**
     * Sleeps for {@code d}; {@link Duration#ZERO} lets every other ready task run first.
     * A cancellation point. Must be called from a task.
     *
     * @param d the duration
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static void sleep(Duration d) {
        Traps.requireTask("Curio.sleep()");
        Traps.sleep("Curio.sleep()", nonNegative("Curio.sleep()", d));
    }

    /**
     * Returns randomness for the calling task that a simulation can replay: inside a simulation it is drawn
     * from the simulation's seed (a stream of its own, apart from the network's choices), so a run stays a
     * function of its seed; elsewhere it is the thread's {@link java.util.concurrent.ThreadLocalRandom}. Use it
     * instead of {@code new Random()} or {@code Math.random()}, which a simulation cannot see. Use the generator
     * in the calling task only. Must be called from a task.
     * <pre>{@code
     * Duration backoff = Duration.ofMillis(100 + Curio.random().nextInt(100)); // jitter a seed replays
     * }</pre>
     *
     * @return the generator
     */
    public static java.util.random.RandomGenerator random() {
        return Traps.random("Curio.random()");
    }

    /** Yields to every other ready task: {@code sleep(Duration.ZERO)}. Must be called from a task. */
    public static void schedule() {
        Traps.yieldNow("Curio.schedule()");
    }

    /**
     * Returns the kernel clock in nanoseconds (monotonic; virtual under a virtual clock). Must be called from a task.
     *
     * @return the kernel clock in nanoseconds (monotonic; virtual under a virtual clock)
     */
    public static long clock() {
        return Traps.clock("Curio.clock()");
    }

    /**
     * Runs {@code body} with a deadline {@code d} from now. If it expires, the body's current blocking
     * operation raises {@link TaskTimeout}, which this method lets escape. Nested blocks never extend an
     * outer deadline; an outer expiry appears inside as {@link TimeoutCancellationError}. A null duration
     * means no deadline. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param d the duration
     * @param body the code to run
     * @return the body's result
     * @throws IllegalArgumentException if {@code d} is negative
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <T, X extends Exception> T timeoutAfter(Duration d, AsyncCallable<T, X> body) throws X {
        return Timeouts.run("Curio.timeoutAfter()", d, body, false, null);
    }

    /**
     * {@link #timeoutAfter(Duration, AsyncCallable)} for a body with no result. Must be called from a task.
     *
     * @param d the duration
     * @param body the code to run
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <X extends Exception> void timeoutAfter(Duration d, AsyncRunnable<X> body) throws X {
        Timeouts.run("Curio.timeoutAfter()", d, Objects.requireNonNull(body, "body").asCallable(), false, null);
    }

    /**
     * Like {@link #timeoutAfter(Duration, AsyncCallable)}, but an expiry of this block's own deadline
     * returns {@code null} instead of raising. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param d the duration
     * @param body the code to run
     * @return the body's result
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <T, X extends Exception> T ignoreAfter(Duration d, AsyncCallable<T, X> body) throws X {
        return Timeouts.run("Curio.ignoreAfter()", d, body, true, null);
    }

    /**
     * Like {@link #ignoreAfter(Duration, AsyncCallable)}, returning {@code onExpiry} on expiry. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param d the duration
     * @param body the code to run
     * @param onExpiry returned when the deadline expires
     * @return the body's result
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <T, X extends Exception> T ignoreAfter(Duration d, AsyncCallable<T, X> body, T onExpiry) throws X {
        return Timeouts.run("Curio.ignoreAfter()", d, body, true, onExpiry);
    }

    /**
     * {@link #ignoreAfter(Duration, AsyncCallable)} for a body with no result. Must be called from a task.
     *
     * @param d the duration
     * @param body the code to run
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <X extends Exception> void ignoreAfter(Duration d, AsyncRunnable<X> body) throws X {
        Timeouts.run("Curio.ignoreAfter()", d, Objects.requireNonNull(body, "body").asCallable(), true, null);
    }

    /**
     * Runs blocking code on the kernel's worker pool (64 threads by default) and waits for it; returns
     * its value or throws its exception itself. If the task is cancelled meanwhile, the cancellation
     * is raised at once and the thread finishes the work on its own. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param blockingWork the blocking code to run
     * @return the body's result
     * @param <X> the checked exception the work may throw, inferred from it
     * @throws X what the work throws, unchanged
     */
    public static <T, X extends Exception> T runInThread(BlockingCallable<T, X> blockingWork) throws X {
        Traps.requireTask("Curio.runInThread()");
        return WorkerPool.current().run(Objects.requireNonNull(blockingWork, "Curio.runInThread(): work must not be null"));
    }

    /**
     * Runs ordinary blocking code on a new thread that can still make async calls through
     * {@link AsyncThread#await} (Curio's {@code spawn_thread}). Returns its backing task: joining it
     * returns the body's value; cancelling it raises the cancellation at the thread's next await.
     * Must be called from a task.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @return the new task
     */
    public static <T> Task<T> spawnThread(Callable<T> body) {
        return AsyncThread.spawn(body);
    }

    /**
     * Like {@link #runInThread}, but calls on the same {@code blockingWork} object are serialised: one
     * at a time, the others waiting in the kernel in FIFO order (Curio's {@code block_in_thread}), so
     * that many tasks blocking on one resource hold one thread. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param blockingWork the blocking code to run
     * @return the body's result
     * @param <X> the checked exception the work may throw, inferred from it
     * @throws X what the work throws, unchanged
     */
    public static <T, X extends Exception> T blockInThread(BlockingCallable<T, X> blockingWork) throws X {
        Traps.requireTask("Curio.blockInThread()");
        Objects.requireNonNull(blockingWork, "Curio.blockInThread(): work must not be null");
        java.util.Map<Object, int[]> users = Traps.local(BLOCK_USERS, java.util.IdentityHashMap::new);
        java.util.Map<Object, SchedFIFO> gates = Traps.local(BLOCK_GATES, java.util.IdentityHashMap::new);
        int[] count = users.computeIfAbsent(blockingWork, k -> new int[1]);
        SchedFIFO gate = gates.computeIfAbsent(blockingWork, k -> new SchedFIFO());
        boolean acquired = false;
        try {
            if (count[0]++ > 0) {
                gate.suspend(TaskState.FUTURE_WAIT); // woken holding the turn (hand-off)
            }
            acquired = true;
            return WorkerPool.current().run(blockingWork);
        } finally {
            count[0]--;
            if (acquired && gate.wake(1) == 0 && count[0] == 0) {
                users.remove(blockingWork);
                gates.remove(blockingWork);
            } else if (!acquired && count[0] == 0) {
                users.remove(blockingWork);
                gates.remove(blockingWork);
            }
        }
    }

    private static final Object BLOCK_USERS = new Object();
    private static final Object BLOCK_GATES = new Object();

    /**
     * Returns the wait-for cycles among the calling task's kernel's blocked tasks: each a list of tasks,
     * the first waiting on something the second holds (a lock, or its own termination when joined), and
     * so on around. Empty when no tasks deadlock each other, whatever else is blocked. Must be called
     * from a task.
     * <pre>{@code
     * assertEquals(List.of(), Curio.deadlocks());
     * }</pre>
     *
     * @return the wait-for cycles among the calling task's kernel's blocked tasks: each a list of tasks, the first waiting on something the second holds (a lock, or its own termination when joined), and so on around
     */
    public static java.util.List<java.util.List<Task<?>>> deadlocks() {
        Traps.requireTask("Curio.deadlocks()");
        return curio.api.trap.WaitGraph.cycles(Traps.waits());
    }

    /**
     * Raises the calling task's pending cancellation now, if there is one and cancellation is allowed.
     * Never suspends. Must be called from a task.
     */
    public static void checkCancellation() {
        Throwable pending = Traps.pendingCancellation("Curio.checkCancellation()");
        if (pending != null && Traps.allowCancel()) {
            Traps.setCancellation("Curio.checkCancellation()", null);
            if (Cancellations.traceAtRaise((AbstractTask<?>) Traps.currentTask("Curio.checkCancellation()"), pending)) {
                pending.fillInStackTrace();
            }
            throw Rethrow.unchecked(pending);
        }
    }

    /**
     * Returns the calling task's pending cancellation without raising it, or null. Must be called from a task.
     *
     * @return the calling task's pending cancellation without raising it, or null
     */
    public static Throwable pendingCancellation() {
        return Traps.pendingCancellation("Curio.pendingCancellation()");
    }

    /**
     * Runs {@code body} with cancellation disabled: cancel requests and timeouts stay pending and are
     * raised at the first blocking operation after the block. A cancellation raised inside a nested
     * disabled block becomes pending too. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @return the body's result
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <T, X extends Exception> T disableCancellation(AsyncCallable<T, X> body) throws X {
        Traps.requireTask("Curio.disableCancellation()");
        Objects.requireNonNull(body, "Curio.disableCancellation(): body must not be null");
        boolean saved = Traps.setAllowCancel(false);
        T result;
        try {
            result = body.call();
        } catch (Throwable t) {
            Traps.setAllowCancel(saved);
            if (t instanceof CancelledError && !saved) {
                Traps.setCancellation("Curio.disableCancellation()", t); // nested block: defer to the outermost one
                return null;
            }
            throw Rethrow.unchecked(t);
        }
        Traps.setAllowCancel(saved);
        return result;
    }

    /**
     * {@link #disableCancellation(AsyncCallable)} for a body with no result. Must be called from a task.
     *
     * @param body the code to run
     * @param <X> the checked exception the body may throw, inferred from it
     * @throws X what the body throws, unchanged
     */
    public static <X extends Exception> void disableCancellation(AsyncRunnable<X> body) throws X {
        disableCancellation(Objects.requireNonNull(body, "Curio.disableCancellation(): body").asCallable());
    }

    static long nonNegative(String call, Duration d) {
        Objects.requireNonNull(d, () -> call + ": duration must not be null");
        if (d.isNegative()) {
            throw new IllegalArgumentException(call + ": duration must not be negative, got " + d);
        }
        return saturatedNanos(d);
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }
}
