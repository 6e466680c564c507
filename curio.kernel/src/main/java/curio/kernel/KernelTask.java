package curio.kernel;

import curio.api.AsyncCallable;
import curio.api.Task;
import curio.api.TaskError;
import curio.api.TaskState;
import curio.api.internal.AbstractTask;
import curio.api.internal.Cancellations;
import curio.api.internal.TaskObserver;
import curio.api.spi.IoHandle;
import curio.api.trap.BlockingTrap;
import curio.api.trap.Owned;
import curio.api.trap.Rethrow;
import curio.api.trap.SchedBarrier;
import curio.api.trap.Traps;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A task: what {@link AbstractTask} leaves out (scheduling, the outcome, joining and cancelling), all of
 * it here, so the outcome is stored once and only the kernel writes it.
 *
 * <pre>
 * state machine (kernel thread only)
 *   READY --step--> RUNNING --blocking trap--> wait state (cancelAction != null)
 *     ^                |   \--sleep(0)-------> READY (not blocked: cancel stays pending)
 *     |                \--body ends----------> TERMINATED
 *     \----- woken / timed out / cancelled --- wait state
 * </pre>
 */
final class KernelTask<T> extends AbstractTask<T> implements Owned {

    final TaskLoop loop;
    final AsyncCallable<T, ?> body;
    Carrier.Fiber fiber;

    // -- cancellation (kernel thread only)
    boolean allowCancel = true;
    Throwable cancelPending;                // raised at the next blocking trap when allowed
    Runnable cancelAction;                  // non-null iff blocked in a cancellable wait: undoes it

    // -- the I/O wait in progress (kernel thread only): ioUndo is this task's cancelAction for all of them.
    // Why one undo per task, not per wait: a socket read that must wait is the hottest path there is, and a
    // fresh lambda per wait was an allocation on each. The undo reads which handle and direction from the
    // two fields below, which IoWaits sets as the wait starts and clears as it ends.
    IoHandle ioHandle;
    boolean ioRead;
    Runnable ioUndo;

    // -- time (kernel thread only); NO_DEADLINE when none
    long timeout = NO_DEADLINE;             // deadline of the innermost timeout in effect
    TimeQueue.Entry timeoutEntry;           // the innermost narrowing block's entry; outer ones chained, deadlines rising
    long sleepUntil = NO_DEADLINE;          // deadline of the current sleep

    // -- resumption (kernel thread only): what the blocking trap returns or throws
    Object resumeValue;
    Throwable resumeError;
    CompletableFuture<?> future;            // the future of a FUTURE_WAIT, to drop stale completions
    BlockingTrap lastTrap;                  // what suspended the task last

    // -- the kernel's list of live tasks (LiveTasks)
    KernelTask<?> olderLive;
    KernelTask<?> newerLive;

    // -- "never joined" tracking: set when the task ended fine and nobody had joined it yet
    UnjoinedTasks.Record unjoined;

    // -- statistics and outcome. Invariant: state == TERMINATED iff terminated; value and failure are
    // written by the body's end (TaskLoop.runBody) and final once terminated. cycles counts the steps the
    // task was given: the monitor shows it, and BlockedKernelWatch compares two samples of it to tell a task
    // that holds the kernel from one that merely runs often.
    long cycles;
    T value;
    Throwable failure;
    private TaskState state = TaskState.INITIAL;
    private boolean terminated;
    private boolean cancelled;                // set once, by the first cancel request
    private boolean joined;                   // joined, its result read, or owned by a group
    private SchedBarrier joining;             // the tasks waiting for this one to end; made by the first

    KernelTask(TaskLoop loop, AsyncCallable<T, ?> body, String name, AbstractTask<?> parent, boolean daemon) {
        super(name, parent, daemon);
        this.loop = loop;
        this.body = body;
    }

    @Override public TaskState state() { return state; }
    @Override public boolean terminated() { return terminated; }
    @Override public boolean cancelled() { return cancelled; }
    @Override public boolean joined() { return joined; }

    @Override
    public void markJoined() {
        if (!joined) {
            joined = true;
            if (unjoined != null) {
                loop.unjoined().forget(unjoined);
                unjoined = null;
            }
        }
    }

    @Override
    public T join() {
        awaitTermination();
        TaskObserver group = observer();
        if (group != null) {
            group.taskJoined(this);
        }
        markJoined();
        if (failure != null) {
            throw new TaskError("Task crash: " + this, failure);
        }
        return value;
    }

    @Override
    public void awaitTermination() {
        if (terminated) {
            return;
        }
        if (Traps.currentTask("Task.join()") == this
                && (Traps.pendingCancellation("Task.join()") == null || !Traps.allowCancel())) {
            // it would wait forever; only a pending cancellation (a task cancelling itself, blocking) ends it
            throw new IllegalStateException("a task cannot wait for itself to end: " + this);
        }
        if (joining == null) {
            joining = new SchedBarrier(this);
        }
        Traps.schedulerWait(joining, TaskState.TASK_JOIN);
    }

    @Override
    public boolean cancel(boolean blocking) {
        return cancel(Cancellations.taskCancelled(), blocking);
    }

    @Override
    public boolean cancel(Throwable exception, boolean blocking) {
        if (exception == null) {
            throw new IllegalArgumentException("cancel exception must not be null");
        }
        if (terminated) {
            markJoined();
            return false;
        }
        Traps.cancelTask(this, exception);
        if (blocking) {
            awaitTermination();
        }
        return true;
    }

    @Override
    public T result() {
        requireTerminated();
        markJoined();
        if (failure != null) {
            throw Rethrow.unchecked(failure);
        }
        return value;
    }

    @Override
    public Throwable exception() {
        requireTerminated();
        return failure;
    }

    private void requireTerminated() {
        if (!terminated) {
            throw new IllegalStateException("Task not terminated: " + this);
        }
    }

    /** A task "holds" its own termination: whoever joins it waits for it alone. */
    @Override
    public List<Task<?>> owners() {
        return terminated ? List.of() : List.of(this);
    }

    boolean blocked() {
        return cancelAction != null;
    }

    /**
     * What this task waits on while blocked, as reports show it: the owner of its wait queue (a
     * primitive, or the task it joins), the handle of an I/O wait, the future of a thread wait, or its
     * sleep; null when it is not blocked.
     */
    Object waitTarget() {
        if (!blocked() || lastTrap == null) {
            return null;
        }
        return switch (lastTrap) {
            case BlockingTrap.SchedWait q -> q.queue().owner() != null ? q.queue().owner() : q.queue();
            case BlockingTrap.ReadWait r -> r.handle();
            case BlockingTrap.WriteWait w -> w.handle();
            case BlockingTrap.FutureWait f -> "a result from another thread";
            case BlockingTrap.Sleep s -> "sleep of " + s.nanos() / 1e9 + " s";
        };
    }

    void state(TaskState s) {
        state = s;
    }

    /** Accepts a cancel request; false if one was accepted already (cancelling is one-shot). */
    boolean acceptCancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        return true;
    }

    /** Marks the task ended, its outcome final, and returns the tasks waiting for it to wake, or null. */
    SchedBarrier end() {
        terminated = true;
        state = TaskState.TERMINATED;
        return joining;
    }

    /** A new task's name: its body's class, or the user's runnable's when the body adapts one. */
    static String nameOf(Object body) {
        if (body instanceof curio.api.AsyncRunnable.Adapter<?> adapter) {
            body = adapter.body(); // name the user's runnable, not the adapter
        }
        return TASK_NAMES.get(body.getClass());
    }

    /** A task's name by its body's class, made once per class: a name per spawn would be two strings per task. */
    private static final ClassValue<String> TASK_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String n = type.getName();
            int lambda = n.indexOf("$$Lambda");
            return lambda > 0 ? n.substring(0, lambda) + ".lambda" : n;
        }
    };
}
