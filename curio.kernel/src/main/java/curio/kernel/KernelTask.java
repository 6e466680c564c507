package curio.kernel;

import curio.api.AsyncCallable;
import curio.api.TaskState;
import curio.api.spi.IoHandle;
import curio.api.internal.AbstractTask;
import curio.api.trap.BlockingTrap;
import curio.api.trap.SchedBarrier;
import java.util.concurrent.CompletableFuture;

/**
 * A task as the kernel sees it: the scheduling half that {@link AbstractTask} leaves out.
 *
 * <pre>
 * state machine (kernel thread only)
 *   READY --step--> RUNNING --blocking trap--> wait state (cancelAction != null)
 *     ^                |   \--sleep(0)-------> READY (not blocked: cancel stays pending)
 *     |                \--body ends----------> TERMINATED
 *     \----- woken / timed out / cancelled --- wait state
 * </pre>
 */
final class KernelTask<T> extends AbstractTask<T> {

    final TaskLoop loop;
    final AsyncCallable<T, ?> body;
    Carrier.Fiber fiber;

    // -- cancellation (kernel thread only)
    boolean allowCancel = true;
    Throwable cancelPending;                // raised at the next blocking trap when allowed
    Runnable cancelAction;                  // non-null iff blocked in a cancellable wait: undoes it

    // -- the I/O wait in progress (kernel thread only): ioUndo is this task's cancelAction for all of them
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

    // -- statistics and outcome
    long cycles;
    T value;
    Throwable failure;

    KernelTask(TaskLoop loop, AsyncCallable<T, ?> body, String name, AbstractTask<?> parent, boolean daemon) {
        super(name, parent, daemon);
        this.loop = loop;
        this.body = body;
    }

    @Override
    protected void joinedNow() {
        if (unjoined != null) {
            loop.unjoined().forget(unjoined);
            unjoined = null;
        }
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
        setState(s);
    }

    boolean acceptCancel() {
        return markCancelled();
    }

    /** Records the outcome and returns the join waiters to wake, or null. */
    SchedBarrier end() {
        terminate(value, failure);
        return joinWaiters();
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
