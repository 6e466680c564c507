package curio.api;

import curio.api.trap.Rethrow;
import curio.api.internal.AbstractTask;
import curio.api.internal.TaskObserver;
import curio.api.trap.SchedFIFO;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A group of tasks that are waited for, and cancelled, together (Curio's {@code TaskGroup}).
 * <p>{@link #join()} waits according to the {@link Wait} policy, stops at the first failure, and then
 * cancels whatever still runs. It never raises because a member failed: read {@link #result()},
 * {@link #exception()}, {@link #results()} or {@link #exceptions()} afterwards. The lambda form is
 * Curio's {@code async with}: on a body exception it cancels the members, then joins, then rethrows.
 * <pre>{@code
 * int sum = TaskGroup.run(TaskGroup.Wait.ALL, g -> {
 *     g.spawn(() -> fetch(1));
 *     g.spawn(() -> fetch(2));
 *     g.join();
 *     return g.results().stream().mapToInt(r -> (Integer) r).sum();
 * });
 * }</pre>
 * Async methods must be called from a task; from a plain thread they throw {@code IllegalStateException}.
 * Directly cancelling a member (not through the group) counts as a member failure, and the member
 * stays in {@link #tasks()}, as in Curio 1.6's code.
 */
public final class TaskGroup implements AutoCloseable {

    private static final TaskState SEMA_ACQUIRE = TaskState.of("SEMA_ACQUIRE"); // Curio's name for this wait

    /** When {@link #join()} stops waiting. */
    public enum Wait {
        /** Every member ended, or one failed. */
        ALL,
        /** The first member ended, successfully or not. */
        ANY,
        /** The first member that failed or returned a non-null value. */
        OBJECT,
        /** Do not wait: cancel everything at once. */
        NONE
    }

    /**
     * The body of {@link #run(Wait, Body)}.
     *
     * @param <T> the type of the result
     * @param <X> the checked exception the body may throw ({@link RuntimeException} when it throws none)
     */
    @FunctionalInterface
    public interface Body<T, X extends Exception> {
        /**
         * Runs with the group.
         *
         * @param g the group, open for spawning
         * @return the body's result
         * @throws X whatever the code run throws
         */
        T run(TaskGroup g) throws X;
    }

    // Invariant (kernel thread only): every member is in exactly one of running, finished (non-daemon,
    // ended, not yet examined or kept for results) or daemons, or has been discarded; tracked holds the
    // non-daemon members that count for results; permits >= finished.size() waiting to be consumed.
    private final Wait wait;
    private final LinkedHashSet<AbstractTask<?>> running = new LinkedHashSet<>();
    private final LinkedHashSet<AbstractTask<?>> daemons = new LinkedHashSet<>();
    private final ArrayDeque<AbstractTask<?>> finished = new ArrayDeque<>();
    private final LinkedHashSet<AbstractTask<?>> tracked = new LinkedHashSet<>();
    private final SchedFIFO completionWaiters = new SchedFIFO();
    private final Membership membership = new Membership();
    private int permits;
    private AbstractTask<?> completed;
    /** The member whose failure ended the waiting, if one did: what result() and results() throw first. */
    private AbstractTask<?> failedMember;
    private boolean joined;
    private boolean joinCalled;
    private boolean hadMembers;

    /** Creates a group that waits for {@link Wait#ALL}. */
    public TaskGroup() {
        this(Wait.ALL);
    }

    /**
     * Creates a group with a wait policy.
     *
     * @param wait when the group is done: all members, any one, or the first result
     */
    public TaskGroup(Wait wait) {
        this.wait = Objects.requireNonNull(wait, "wait policy must not be null");
    }

    /**
     * Creates a group adopting existing tasks.
     *
     * @param wait when the group is done: all members, any one, or the first result
     * @param tasks running tasks of this kernel to adopt
     * @throws IllegalStateException if a task already belongs to a group
     */
    public TaskGroup(Wait wait, Collection<? extends Task<?>> tasks) {
        this(wait);
        for (Task<?> t : Objects.requireNonNull(tasks, "tasks must not be null")) {
            add(t);
        }
    }

    /**
     * Runs {@code body} with a new group, like Curio's {@code async with TaskGroup(wait) as g}: if the body
     * throws, the members are cancelled, the group is joined and the exception propagates; otherwise
     * the group is joined. Returns the body's value. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @param wait when the group is done: all members, any one, or the first result
     * @param <X> the checked exception the body may throw, rethrown here unchanged
     * @return the body's result
     * @throws X what the body throws
     */
    public static <T, X extends Exception> T run(Wait wait, Body<T, X> body) throws X {
        Objects.requireNonNull(body, "TaskGroup.run(): body must not be null");
        TaskGroup g = new TaskGroup(wait);
        T value;
        try {
            value = body.run(g);
        } catch (Throwable t) {
            try {
                g.cancelRemaining();
                g.join();
            } catch (Throwable later) {
                t.addSuppressed(later);
            }
            throw Rethrow.unchecked(t);
        }
        g.join();
        return value;
    }

    /**
     * Spawns a member. Must be called from a task.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @return the new task
     * @throws IllegalStateException if the group was joined
     */
    public <T> Task<T> spawn(AsyncCallable<T, ?> body) {
        requireOpen();
        Task<T> t = Curio.spawn(body);
        add(t);
        return t;
    }

    /**
     * Spawns a member with no result. Must be called from a task.
     *
     * @param body the code to run
     * @return the new task
     */
    public Task<Void> spawn(AsyncRunnable<?> body) {
        return spawn(Objects.requireNonNull(body, "TaskGroup.spawn(): body").asCallable());
    }

    /**
     * Spawns a daemon member: ignored for results and waiting, cancelled when the group is joined
     * (Curio's {@code g.spawn(..., daemon=True)}). Must be called from a task.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @return the new task
     * @throws IllegalStateException if the group was joined
     */
    public <T> Task<T> spawnDaemon(AsyncCallable<T, ?> body) {
        requireOpen();
        Task<T> t = Curio.spawnDaemon(body);
        add(t);
        return t;
    }

    /**
     * Spawns a daemon member with no result. Must be called from a task.
     *
     * @param body the code to run
     * @return the new task
     */
    public Task<Void> spawnDaemon(AsyncRunnable<?> body) {
        return spawnDaemon(Objects.requireNonNull(body, "TaskGroup.spawnDaemon(): body").asCallable());
    }

    /**
     * Adds an existing task; an ended one counts as finished at once.
     *
     * @param task the task
     * @throws IllegalStateException if the task is in a group already, or this group was joined
     */
    public void add(Task<?> task) {
        AbstractTask<?> t = core(task);
        if (t.observer() != null) {
            throw new IllegalStateException("Task is already part of a task group: " + t);
        }
        requireOpen();
        t.observer(membership);
        hadMembers = true;
        if (t.terminated()) {
            t.markJoined();
            if (!t.daemon()) {
                tracked.add(t);
                finished.add(t);
                permits++;
            }
        } else if (t.daemon()) {
            daemons.add(t);
        } else {
            running.add(t);
            tracked.add(t);
        }
    }

    /**
     * Waits for the next member to end and takes it out of the group; null when none is left.
     * Must be called from a task.
     *
     * @return the task
     */
    public Task<?> nextDone() {
        while (finished.isEmpty() && !running.isEmpty()) {
            acquireCompletion();
        }
        AbstractTask<?> t = finished.poll();
        if (t == null) {
            return null;
        }
        discard(t);
        return t;
    }

    /**
     * Waits for the next member to end and returns its value, or throws its failure itself.
     * Must be called from a task.
     *
     * @return the value the next member to end returned
     * @throws IllegalStateException if no member is left
     */
    public Object nextResult() {
        Task<?> t = nextDone();
        if (t == null) {
            throw new IllegalStateException("No task available");
        }
        return t.result();
    }

    /**
     * Waits according to the policy, then cancels (blocking, one at a time) every member still running
     * and every daemon member. Never raises because a member failed. Must be called from a task.
     */
    public void join() {
        joinCalled = true;
        try {
            if (wait != Wait.NONE) {
                awaitPolicy();
            }
        } finally {
            for (AbstractTask<?> t : new ArrayList<>(running)) {
                t.cancel();
            }
            for (AbstractTask<?> t : new ArrayList<>(daemons)) {
                t.cancel();
            }
            joined = true;
        }
    }

    private void awaitPolicy() {
        while (!finished.isEmpty() || !running.isEmpty()) {
            while (finished.isEmpty()) {
                if (running.isEmpty()) {
                    return;
                }
                acquireCompletion();
            }
            while (!finished.isEmpty()) {
                AbstractTask<?> t = finished.poll();
                boolean failed = t.exception() != null;
                boolean nonNull = !failed && t.result() != null;
                if (completed == null && (wait != Wait.OBJECT || failed || nonNull)) {
                    completed = t;
                }
                if (failed) {
                    failedMember = t;
                    return;
                }
                if (wait == Wait.ANY || (wait == Wait.OBJECT && nonNull)) {
                    return;
                }
            }
        }
    }

    /** Cancels every running non-daemon member, waits for each, and takes it out of the group. Must be called from a task. */
    public void cancelRemaining() {
        List<AbstractTask<?>> victims = new ArrayList<>(running);
        for (AbstractTask<?> t : victims) {
            t.cancel(false);
        }
        for (AbstractTask<?> t : victims) {
            t.awaitTermination();
            discard(t);
        }
    }

    /**
     * Cancels and awaits every member still running, so that none outlives a try-with-resources block.
     * Must be called from a task if members are still running.
     *
     * @throws IllegalStateException if members were added but {@link #join()} never ran (after cancelling them)
     */
    @Override
    public void close() {
        if (joined) {
            return;
        }
        boolean neverJoined = hadMembers && !joinCalled;
        if (!running.isEmpty() || !daemons.isEmpty()) {
            cancelRemaining();
            join();
        }
        joined = true;
        if (neverJoined) {
            throw new IllegalStateException("TaskGroup closed without join(): call g.join() at the end of the "
                    + "try block, or use TaskGroup.run(wait, g -> ...)");
        }
    }

    /**
     * Returns the value of the member that completed the group (the first examined), or throws its failure itself.
     *
     * @return the value of the member that completed the group
     * @throws IllegalStateException before join, or if no member completed successfully
     */
    public Object result() {
        requireJoined();
        if (completed == null) {
            throw new IllegalStateException("No task successfully completed");
        }
        return completed.result();
    }

    /**
     * Returns the failure of the member that completed the group (the first examined), or null.
     *
     * @return the failure of the member that completed the group, or null if it returned or none did
     * @throws IllegalStateException before join
     */
    public Throwable exception() {
        requireJoined();
        return completed == null ? null : completed.exception();
    }

    /**
     * Returns every tracked member's value in id order. If a member's failure ended the group's wait, throws that
     * failure itself, not the cancellation of a sibling that followed from it; otherwise throws the first failure
     * met in id order (a member cancelled or failed after the wait).
     *
     * @return every tracked member's value in id order
     * @throws IllegalStateException before join
     */
    public List<Object> results() {
        requireJoined();
        if (failedMember != null) {
            failedMember.result();
        }
        List<Object> values = new ArrayList<>();
        for (Task<?> t : tasks()) {
            values.add(t.result());
        }
        return values;
    }

    /**
     * Returns every tracked member's failure (null for success) in id order. @throws IllegalStateException before join
     *
     * @return every tracked member's failure (null for success) in id order
     */
    public List<Throwable> exceptions() {
        List<Throwable> failures = new ArrayList<>();
        for (Task<?> t : tasks()) {
            failures.add(t.exception());
        }
        return failures;
    }

    /**
     * Returns the member that completed the group (the first examined), or null.
     *
     * @return the member that completed the group (the first examined), or null
     */
    public Task<?> completed() {
        return completed;
    }

    /**
     * Returns the tracked non-daemon members in id order. @throws IllegalStateException before join
     *
     * @return the tracked non-daemon members in id order
     */
    public List<Task<?>> tasks() {
        requireJoined();
        List<Task<?>> sorted = new ArrayList<>(tracked);
        sorted.sort(Comparator.comparingLong(Task::id));
        return sorted;
    }

    private void requireOpen() {
        if (joined) {
            throw new IllegalStateException("TaskGroup already joined");
        }
    }

    private void requireJoined() {
        if (!joined) {
            throw new IllegalStateException("Task group not yet terminated: call join() first");
        }
    }

    private void acquireCompletion() {
        if (permits > 0) {
            permits--;
        } else {
            completionWaiters.suspend(SEMA_ACQUIRE);
        }
    }

    private void releaseCompletion() {
        if (completionWaiters.wake(1) == 0) {
            permits++; // nobody waits: keep the permit; a woken waiter owns it directly (hand-off)
        }
    }

    private void discard(AbstractTask<?> t) {
        finished.remove(t);
        running.remove(t);
        daemons.remove(t);
        tracked.remove(t);
        t.observer(null);
    }

    private static AbstractTask<?> core(Task<?> task) {
        if (task instanceof AbstractTask<?> t) {
            return t;
        }
        throw new IllegalArgumentException("not a curio kernel task: " + task);
    }

    @Override
    public String toString() {
        return "TaskGroup[wait=" + wait + ", running=" + running.size() + ", finished=" + finished.size()
                + ", daemons=" + daemons.size() + (joined ? ", joined" : "") + "]";
    }

    /** The group's view of its members' life events. */
    private final class Membership implements TaskObserver {
        @Override
        public void taskDone(AbstractTask<?> t) {
            running.remove(t);
            t.markJoined();
            if (daemons.remove(t) || t.daemon()) {
                return;
            }
            finished.add(t);
            releaseCompletion();
        }

        @Override
        public void taskJoined(AbstractTask<?> t) {
            discard(t);
        }
    }
}
