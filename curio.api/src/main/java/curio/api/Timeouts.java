package curio.api;

import curio.api.trap.Rethrow;
import curio.api.internal.AbstractTask;
import curio.api.trap.Traps;
import java.time.Duration;
import java.util.Objects;

/**
 * Timeout blocks, built on the setTimeout/unsetTimeout traps and the task's deadline stack
 * (CURIO-SPEC 4.3 and 4.4).
 */
final class Timeouts {

    private static final System.Logger LOG = System.getLogger("curio.time");

    private Timeouts() {}

    /* Discussion: Curio's async-with exit sees the body's exception and may rewrite or swallow it; a
     * lambda gives the same power. A TaskTimeout carries the clock at which it fired; the outermost
     * block whose deadline is at or before that clock is the one that expired. If it is this block the
     * timeout is ours; if it is an outer one it travels as TimeoutCancellationError so that inner
     * handlers for TaskTimeout do not catch it; if no block expired, an inner timeout escaped its own
     * block and becomes UncaughtTimeoutError. Only the exact classes are recognised, as in Curio. */

    static <T, X extends Exception> T run(String call, Duration d, AsyncCallable<T, X> body, boolean ignore, T onExpiry) throws X {
        AbstractTask<?> task = (AbstractTask<?>) Traps.currentTask(call);
        Objects.requireNonNull(body, () -> call + ": body must not be null");
        long deadline = d == null ? AbstractTask.NO_DEADLINE : saturatedAdd(Traps.clock(), Curio.nonNegative(call, d));
        task.pushDeadline(deadline, ignore);
        try {
            long prior = Traps.setTimeout(deadline);
            T result;
            try {
                result = body.call();
            } catch (Throwable thrown) {
                Traps.unsetTimeout(prior);
                return expired(task, thrown, ignore, onExpiry);
            }
            long now = Traps.unsetTimeout(prior);
            if (deadline != AbstractTask.NO_DEADLINE && now > deadline) {
                lateCompletion(task, now - deadline);
            }
            return result;
        } finally {
            task.popDeadline();
        }
    }

    // Under load many operations may finish just after their deadline: one warning per second at most,
    // with how many more there were, instead of one line per operation.
    private static final java.util.concurrent.atomic.AtomicLong LAST_WARNING = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    private static final java.util.concurrent.atomic.AtomicLong SUPPRESSED = new java.util.concurrent.atomic.AtomicLong();
    private static final long WARNING_INTERVAL = 1_000_000_000L;

    private static void lateCompletion(AbstractTask<?> task, long lateNanos) {
        long now = System.nanoTime();
        long last = LAST_WARNING.get();
        if (last != Long.MIN_VALUE && now - last < WARNING_INTERVAL || !LAST_WARNING.compareAndSet(last, now)) {
            SUPPRESSED.incrementAndGet();
            return;
        }
        long more = SUPPRESSED.getAndSet(0);
        LOG.log(System.Logger.Level.WARNING, () -> task + ". Operation completed successfully, but it took"
                + " longer than an enclosing timeout. Badness delta=" + lateNanos / 1e9 + " s."
                + (more == 0 ? "" : " (" + more + " more such operations in the last "
                        + (last == Long.MIN_VALUE ? "while" : String.format(java.util.Locale.ROOT, "%.1f s", (now - last) / 1e9))
                        + " were not logged)"));
    }

    private static <T> T expired(AbstractTask<?> task, Throwable thrown, boolean ignore, T onExpiry) {
        Class<?> type = thrown.getClass();
        if (type != TaskTimeout.class && type != TimeoutCancellationError.class) {
            throw Rethrow.unchecked(thrown);
        }
        long clock = ((TimeoutExpiry) thrown).clock();
        int expired = task.outermostExpired(clock);
        if (expired < 0) {
            throw new UncaughtTimeoutError("Uncaught timeout received", thrown);
        }
        boolean ours = expired == task.deadlineDepth() - 1;
        if (!ours) {
            if (type == TaskTimeout.class) {
                TimeoutCancellationError outer = new TimeoutCancellationError(clock);
                outer.initCause(thrown);
                throw outer;
            }
            throw Rethrow.unchecked(thrown);
        }
        if (ignore) {
            return onExpiry;
        }
        if (type == TimeoutCancellationError.class) {
            TaskTimeout own = new TaskTimeout(clock);
            own.initCause(thrown);
            throw own;
        }
        throw Rethrow.unchecked(thrown);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 || r == AbstractTask.NO_DEADLINE ? AbstractTask.NO_DEADLINE - 1 : r;
    }
}
