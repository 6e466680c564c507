package curio.api.trap;

import curio.api.AsyncCallable;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskState;
import curio.api.spi.CurrentKernel;
import curio.api.spi.IoHandle;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.TaskCore;
import curio.api.spi.TrapHandler;
import curio.api.trap.BlockingTrap.FutureWait;
import curio.api.trap.BlockingTrap.ReadWait;
import curio.api.trap.BlockingTrap.SchedWait;
import curio.api.trap.BlockingTrap.Sleep;
import curio.api.trap.BlockingTrap.WriteWait;
import java.util.concurrent.CompletableFuture;

/**
 * The traps: the whole interface between task code and the kernel (Curio's {@code curio.traps}).
 * Use these to build new primitives; use {@link curio.api.Curio} for anything else.
 *
 * <pre>
 * trap                      blocks  raises pending cancel  effect
 * readWait(handle)          yes     yes, first             wait until readable (one reader per handle)
 * writeWait(handle)         yes     yes, first             wait until writable (one writer per handle)
 * futureWait(future, start) yes     yes, first             wait for work in another thread; start runs after
 *                                                          the callback is registered, never if cancelled first
 * schedulerWait(queue, st)  yes     yes, first             suspend on a SchedFIFO / SchedBarrier
 * sleep(nanos)              yes     yes, first             sleep; 0 = go to the back of the ready queue
 * spawn(body, daemon)       no      no                     create a task at the back of the ready queue
 * cancelTask(task, exc)     no      no                     one-shot cancel request (CURIO-SPEC 2.5)
 * schedulerWake(queue, n)   no      no                     ready up to n waiters
 * kernel(), currentTask(), clock()                         read-only
 * setTimeout(d), unsetTimeout(prev)                        timeout blocks (CURIO-SPEC 4.3); never raise
 * ioRelease(handle)         no      no                     forget a handle, failing its waiters
 * ioWaiting(handle)         no      no                     the tasks waiting to read and to write
 * </pre>
 * Cancellation and timeouts are delivered only by the five blocking traps. Every method must be called
 * from a task; from a plain thread it throws {@code IllegalStateException} naming the call.
 */
public final class Traps {

    private Traps() {}

    /**
     * Returns the kernel of the calling task.
     *
     * @param call the public name of the operation, for the error message
     * @throws IllegalStateException if the caller is not a curio task
     */
    public static TrapHandler handler(String call) {
        TrapHandler h = CurrentKernel.get();
        if (h == null || h.currentTask() == null) {
            throw new IllegalStateException(call + " called outside a task; start async code with Curio.run(...)");
        }
        return h;
    }

    /** Waits until {@code handle} is readable; {@code ReadResourceBusy} if another task already waits. */
    public static void readWait(IoHandle handle) {
        handler("Traps.readWait()").trap(new ReadWait(handle));
    }

    /** Waits until {@code handle} is writable; {@code WriteResourceBusy} if another task already waits. */
    public static void writeWait(IoHandle handle) {
        handler("Traps.writeWait()").trap(new WriteWait(handle));
    }

    /**
     * Waits for {@code future}; returns its value or throws its exception itself.
     * If the task is cancelled meanwhile the future is cancelled too (work already running goes on).
     *
     * @param start run after the completion callback is registered; may be null
     */
    @SuppressWarnings("unchecked")
    public static <T> T futureWait(CompletableFuture<T> future, Runnable start) {
        return (T) handler("Traps.futureWait()").trap(new FutureWait(future, start));
    }

    /** Suspends the calling task on {@code queue}, showing {@code state}, until woken. */
    public static void schedulerWait(SchedQueue queue, TaskState state) {
        handler("Traps.schedulerWait()").trap(new SchedWait(queue, state));
    }

    /**
     * Sleeps; returns the kernel clock when the task woke.
     *
     * @param nanos 0 yields to every other ready task
     */
    public static long sleep(long nanos) {
        TrapHandler h = handler("Traps.sleep()");
        Object woke = h.trap(nanos == 0 ? Sleep.YIELD : new Sleep(nanos));
        return woke == null ? h.clock() : (Long) woke;
    }

    /** Spawns a task at the back of the ready queue; never blocks. */
    public static <T> Task<T> spawn(AsyncCallable<T> body, boolean daemon) {
        return handler("Traps.spawn()").spawn(body, daemon);
    }

    /** Requests cancellation of {@code task} with {@code exception}; never blocks. */
    public static void cancelTask(TaskCore<?> task, Throwable exception) {
        handler("Traps.cancelTask()").cancelTask(task, exception);
    }

    /** Readies up to {@code n} tasks waiting on {@code queue}; returns how many. */
    public static int schedulerWake(SchedQueue queue, int n) {
        return handler("Traps.schedulerWake()").wake(queue, n);
    }

    /** Returns the kernel of the calling task. */
    public static Kernel kernel() {
        return handler("Traps.kernel()").kernel();
    }

    /** Returns the calling task. */
    public static TaskCore<?> currentTask() {
        return handler("Traps.currentTask()").currentTask();
    }

    /** Returns the kernel clock in nanoseconds. */
    public static long clock() {
        return handler("Traps.clock()").clock();
    }

    /** Narrows the calling task's timeout to {@code deadline}; returns the previous timeout. */
    public static long setTimeout(long deadline) {
        return handler("Traps.setTimeout()").setTimeout(deadline);
    }

    /** Restores {@code previous} as the calling task's timeout; returns the clock. Never raises. */
    public static long unsetTimeout(long previous) {
        return handler("Traps.unsetTimeout()").unsetTimeout(previous);
    }

    /** Forgets {@code handle} before it is closed; tasks waiting on it fail. */
    public static void ioRelease(IoHandle handle) {
        handler("Traps.ioRelease()").ioRelease(handle);
    }

    /**
     * Returns the tasks waiting on {@code handle}: {@code [reader, writer]}, each possibly null
     * (Curio's {@code _io_waiting}).
     */
    public static Task<?>[] ioWaiting(IoHandle handle) {
        handler("Traps.ioWaiting()");
        return new Task<?>[] {(Task<?>) handle.reader(), (Task<?>) handle.writer()};
    }

    /** Returns the calling task's kernel selector, to open handles on. */
    public static ReadinessSelector selector() {
        return handler("Traps.selector()").selector();
    }
}
