package curio.api.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The half of a task that {@code curio.api}'s own code reads without the kernel: identity, the group link,
 * the task's context, and the stack of timeout blocks it has entered. The kernel's {@code KernelTask}
 * extends it with everything else: scheduling, the outcome, joining and cancelling, stored there once.
 * <p>Every mutable field belongs to the thread holding the kernel (the kernel thread, or the task itself).
 *
 * @param <T> the result type
 */
public abstract class AbstractTask<T> implements curio.api.Task<T> {

    /** A deadline that never expires: Curio's {@code None}. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final AtomicLong IDS = new AtomicLong();
    private static final long[] NO_DEADLINES = {};

    private final long id = IDS.incrementAndGet();
    private final String name;
    private final AbstractTask<?> parent;
    private final boolean daemon;
    private TaskObserver observer;                // the owning group, or null

    // Context (TaskContext): task-local values, copied on write and shared with the parent until either sets
    // one; what registered context carriers captured from the parent, installed at the first step.
    Object[] taskLocals;
    Object[] inherited;

    private long[] deadlines = NO_DEADLINES;      // timeout blocks entered, innermost last
    private long ignoring;                        // bit i: block i is an ignoreAfter (blocks past 63: never marked)
    private int depth;

    /**
     * Creates a task.
     *
     * @param name readable name
     * @param parent the spawning task or null
     * @param daemon daemon flag
     */
    protected AbstractTask(String name, AbstractTask<?> parent, boolean daemon) {
        this.name = name;
        this.parent = parent;
        this.daemon = daemon;
    }

    @Override public final long id() { return id; }
    @Override public final String name() { return name; }
    @Override public final AbstractTask<?> parent() { return parent; }
    @Override public final boolean daemon() { return daemon; }

    /** Marks the task joined, so that it is not reported as never joined (a task group owns it). */
    public abstract void markJoined();

    /**
     * Cancels the task with a chosen exception (Curio's {@code cancel(exc=...)}); any throwable is allowed.
     *
     * @param exception raised in the task at its next blocking operation
     * @param blocking whether to wait for the task to end
     * @return false if the task had already ended
     */
    public abstract boolean cancel(Throwable exception, boolean blocking);

    /**
     * Returns the group observer, or null.
     *
     * @return the group observer, or null
     */
    public final TaskObserver observer() {
        return observer;
    }

    /**
     * Sets or clears the observer.
     *
     * @param newObserver the observer, or null to clear it
     * @throws IllegalStateException if another observer is already set
     */
    public final void observer(TaskObserver newObserver) {
        if (newObserver != null && observer != null) {
            throw new IllegalStateException("Task is already part of a task group: " + this);
        }
        observer = newObserver;
    }

    /**
     * Enters a timeout block: pushes its absolute deadline ({@link #NO_DEADLINE} for none).
     *
     * @param deadline the absolute deadline, in kernel-clock nanoseconds
     */
    public final void pushDeadline(long deadline) {
        pushDeadline(deadline, false);
    }

    /**
     * Enters a timeout block: pushes its absolute deadline ({@link #NO_DEADLINE} for none) and whether
     * the block swallows its own expiry ({@code ignoreAfter}).
     *
     * @param deadline the absolute deadline, in kernel-clock nanoseconds
     * @param ignore whether the block swallows its own expiry
     */
    public final void pushDeadline(long deadline, boolean ignore) {
        if (depth == deadlines.length) {
            deadlines = Arrays.copyOf(deadlines, Math.max(4, depth * 2));
        }
        if (depth < Long.SIZE) {
            ignoring = ignore ? ignoring | 1L << depth : ignoring & ~(1L << depth);
        }
        deadlines[depth++] = deadline;
    }

    /**
     * Whether a timeout that expired at {@code clock} belongs to the innermost block and that block
     * swallows it ({@code ignoreAfter}): then the kernel need not take its stack trace.
     *
     * @param clock the kernel clock at expiry, in nanoseconds
     * @return true if the innermost block will swallow the timeout
     */
    public final boolean swallowsTimeout(long clock) {
        int i = outermostExpired(clock);
        return i >= 0 && i == depth - 1 && i < Long.SIZE && (ignoring & 1L << i) != 0;
    }

    /** Leaves the innermost timeout block. */
    public final void popDeadline() {
        depth--;
    }

    /**
     * Returns the number of timeout blocks entered.
     *
     * @return the number of timeout blocks entered
     */
    public final int deadlineDepth() {
        return depth;
    }

    /**
     * Returns true if an entered timeout block has exactly this deadline (it may come back into force).
     *
     * @param deadline the absolute deadline, in kernel-clock nanoseconds
     * @return true if an entered timeout block has exactly this deadline (it may come back into force)
     */
    public final boolean holdsDeadline(long deadline) {
        for (int i = 0; i < depth; i++) {
            if (deadlines[i] == deadline) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the index (0 = outermost) of the outermost timeout block whose deadline is at or before
     * {@code clock}, or -1 if none; blocks with no deadline never match.
     *
     * @param clock the kernel clock at expiry, in nanoseconds
     * @return the block's index, or -1
     */
    public final int outermostExpired(long clock) {
        for (int i = 0; i < depth; i++) {
            if (deadlines[i] != NO_DEADLINE && deadlines[i] <= clock) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Task(id=" + id + ", name='" + name + "', state=" + state() + ")";
    }
}
