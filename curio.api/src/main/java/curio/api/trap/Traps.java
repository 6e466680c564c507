package curio.api.trap;

import curio.api.spi.Randomness;
import curio.api.spi.ThreadWaits;

import curio.api.AsyncCallable;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskState;
import curio.api.internal.AbstractTask;
import curio.api.internal.CurrentKernel;
import curio.api.internal.KernelCore;
import curio.api.spi.IoHandle;
import curio.api.spi.ReadinessSelector;
import curio.api.trap.BlockingTrap.FutureWait;
import curio.api.trap.BlockingTrap.ReadWait;
import curio.api.trap.BlockingTrap.SchedWait;
import curio.api.trap.BlockingTrap.Sleep;
import curio.api.trap.BlockingTrap.WriteWait;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The traps: the whole interface between task code and the kernel (Curio's {@code curio.traps}).
 * Everything outside {@code curio.kernel} that needs the kernel (curio.api's own {@code Curio},
 * timeouts and task groups, curio.sync, curio.net, curio.process) comes through here: there is no
 * other door. Use these to build new primitives; use {@link curio.api.Curio} for anything else.
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
 * kernel(), currentTask(), clock(), inTask()               read-only
 * setTimeout(d), unsetTimeout(prev)                        timeout blocks (CURIO-SPEC 4.3); never raise
 * setAllowCancel(b), allowCancel()                         cancellation control (CURIO-SPEC 2.6)
 * setCancellation(e), pendingCancellation()                the pending cancellation of the caller
 * ioRelease(handle)         no      no                     forget a handle, failing its waiters
 * ioWaiting(handle)         no      no                     the tasks waiting to read and to write
 * waits()                   no      no                     every blocked task and what it waits on
 * selector()                no      no                     the kernel's selector, to open handles on
 * local(key, create)        no      no                     a kernel-wide value (pools, gates)
 * atShutdown(action)        no      no                     run after every task has ended at shutdown
 * </pre>
 * Cancellation and timeouts are delivered only by the five blocking traps. Every method but
 * {@link #inTask()} must be called from a task; from a plain thread it throws
 * {@code IllegalStateException} naming the call.
 */
public final class Traps {

    private Traps() {}

    /* The one place a call finds its kernel: the thread's binding, checked. Private, so that the
     * kernel object never leaves this class. */
    private static KernelCore kernelOf(String call) {
        KernelCore k = CurrentKernel.get();
        if (k == null || k.currentTask() == null) {
            throw new IllegalStateException(call + " called outside a task: async code runs in a task. Start one with"
                    + " Curio.run(...); from a plain thread beside a running kernel, run it in a thread started by"
                    + " Curio.spawnThread(...) through AsyncThread.await(() -> ...), or use a socket's blocking view,"
                    + " Socket.blocking()");
        }
        return k;
    }

    /**
     * Returns true when called from inside a curio task; never throws.
     *
     * @return true when called from inside a curio task; never throws
     */
    public static boolean inTask() {
        KernelCore k = CurrentKernel.get();
        return k != null && k.currentTask() != null;
    }

    /**
     * Fails with {@code IllegalStateException} naming {@code call} unless the caller is a task: the check
     * every async method makes first, even when it would not need to block.
     *
     * @param call the public name of the operation, for error messages
     */
    public static void requireTask(String call) {
        kernelOf(call);
    }

    /**
     * Fails unless the caller is a task of the kernel whose selector opened {@code handle}: the check every call
     * on a socket, stream or pipe makes before it changes anything, whether or not it would wait.
     *
     * @param call the public name of the operation, for error messages
     * @param handle the handle the call is about to use
     * @throws IllegalStateException from a plain thread, or from a task of another kernel
     */
    public static void requireOwner(String call, IoHandle handle) {
        KernelCore k = kernelOf(call);
        if (!k.owns(handle)) {
            throw foreign(call, handle, k);
        }
    }

    /**
     * Fails if the caller is a task of another kernel than the one that opened {@code handle}; a plain thread
     * passes (setting options or binding before a kernel runs is allowed).
     *
     * @param call the public name of the operation, for error messages
     * @param handle the handle the call is about to use
     * @throws IllegalStateException from a task of another kernel
     */
    public static void refuseOtherKernel(String call, IoHandle handle) {
        KernelCore k = CurrentKernel.get();
        if (k != null && k.currentTask() != null && !k.owns(handle)) {
            throw foreign(call, handle, k);
        }
    }

    /**
     * Returns true when the caller is a task of the kernel whose selector opened {@code handle}; never throws.
     * The cheap form of {@link #requireOwner} for a path that checks on every call.
     *
     * @param handle the handle the caller is about to use
     * @return whether {@link #requireOwner} would pass
     */
    public static boolean owns(IoHandle handle) {
        KernelCore k = CurrentKernel.get();
        return k != null && k.currentTask() != null && k.owns(handle);
    }

    /**
     * Fails unless the caller is a task of {@code owner}: {@link #requireOwner} for a resource that has no
     * handle (a file or a pipe served by worker threads), which records the kernel that opened it.
     *
     * @param call the public name of the operation, for error messages
     * @param owner the kernel that opened the resource ({@link #kernel()} when it was opened)
     * @param resource the resource, named in the error
     * @throws IllegalStateException from a plain thread, or from a task of another kernel
     */
    public static void requireKernel(String call, Kernel owner, Object resource) {
        KernelCore k = kernelOf(call);
        if (k.kernel() != owner) {
            throw foreign(call, resource, k);
        }
    }

    /**
     * Returns true when the caller is a task of {@code owner}; never throws (the cheap form of {@link #requireKernel}).
     *
     * @param owner the kernel that opened a resource
     * @return whether {@link #requireKernel} would pass
     */
    public static boolean inKernel(Kernel owner) {
        KernelCore k = CurrentKernel.get();
        return k != null && k.currentTask() != null && k.kernel() == owner;
    }

    private static IllegalStateException foreign(String call, Object resource, KernelCore k) {
        return new IllegalStateException(resource + " belongs to another kernel; task " + k.currentTask().id() + " of "
                + k.kernel() + " cannot use it in " + call
                + " (sockets, streams and files are used by the tasks of the kernel that opened them)");
    }

    /**
     * Waits until {@code handle} is readable; {@code ReadResourceBusy} if another task already waits.
     *
     * @param handle the handle
     */
    public static void readWait(IoHandle handle) {
        kernelOf("Traps.readWait()").trap(new ReadWait(handle));
    }

    /**
     * Waits until {@code handle} is writable; {@code WriteResourceBusy} if another task already waits.
     *
     * @param handle the handle
     */
    public static void writeWait(IoHandle handle) {
        kernelOf("Traps.writeWait()").trap(new WriteWait(handle));
    }

    /**
     * {@link #readWait(IoHandle)} with a trap the caller made once and keeps: a primitive that waits on
     * the same handle again and again (a socket) then waits without allocating.
     * <pre>{@code
     * private final BlockingTrap.ReadWait readable = new BlockingTrap.ReadWait(handle);
     * ...
     * Traps.readWait(readable);
     * }</pre>
     *
     * @param wait the trap, naming the handle
     */
    public static void readWait(ReadWait wait) {
        kernelOf("Traps.readWait()").trap(java.util.Objects.requireNonNull(wait, "readWait(): wait must not be null"));
    }

    /**
     * {@link #writeWait(IoHandle)} with a trap the caller made once and keeps (see {@link #readWait(ReadWait)}).
     *
     * @param wait the trap, naming the handle
     */
    public static void writeWait(WriteWait wait) {
        kernelOf("Traps.writeWait()").trap(java.util.Objects.requireNonNull(wait, "writeWait(): wait must not be null"));
    }

    /**
     * Waits for {@code future}; returns its value or throws its exception itself.
     * If the task is cancelled meanwhile the future is cancelled too (work already running goes on).
     *
     * @param <T> the type of the result
     * @param start run after the completion callback is registered; may be null
     * @param future the future
     * @return the body's result
     */
    @SuppressWarnings("unchecked")
    public static <T> T futureWait(CompletableFuture<T> future, Runnable start) {
        return (T) kernelOf("Traps.futureWait()").trap(new FutureWait(future, start));
    }

    /**
     * Suspends the calling task on {@code queue}, showing {@code state}, until woken.
     *
     * @param queue the wait queue
     * @param state the state shown while waiting
     */
    public static void schedulerWait(SchedQueue queue, TaskState state) {
        kernelOf("Traps.schedulerWait()").trap(new SchedWait(queue, state));
    }

    /**
     * Sleeps; returns the kernel clock when the task woke.
     *
     * @param nanos 0 yields to every other ready task
     * @return the kernel clock when the task woke, in nanoseconds
     * @throws IllegalArgumentException if {@code nanos} is negative
     */
    public static long sleep(long nanos) {
        return sleep("Traps.sleep()", nanos);
    }

    /**
     * {@link #sleep(long)}, naming {@code call} in the error a plain thread gets.
     *
     * @param call the public name of the operation, e.g. {@code "Curio.sleep()"}
     * @param nanos the duration in nanoseconds
     * @return the kernel clock when the task woke, in nanoseconds
     */
    public static long sleep(String call, long nanos) {
        KernelCore k = kernelOf(call);
        if (nanos < 0) {
            throw new IllegalArgumentException(call + ": negative duration " + nanos + " ns");
        }
        Object woke = k.trap(nanos == 0 ? Sleep.YIELD : new Sleep(nanos));
        return woke == null ? k.clock() : (Long) woke;
    }

    /**
     * Yields to every other ready task ({@code sleep(0)}) without reading the clock afterwards.
     *
     * @param call the public name of the operation, for error messages
     */
    public static void yieldNow(String call) {
        kernelOf(call).trap(Sleep.YIELD);
    }

    /**
     * Spawns a task at the back of the ready queue; never blocks.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @param daemon whether it is a daemon task
     * @return the new task
     */
    public static <T> Task<T> spawn(AsyncCallable<T, ?> body, boolean daemon) {
        return spawn("Traps.spawn()", body, daemon);
    }

    /**
     * {@link #spawn(AsyncCallable, boolean)}, naming {@code call} in the error a plain thread gets.
     *
     * @param <T> the type of the result
     * @param call the public name of the operation, for error messages
     * @param body the code to run
     * @param daemon whether it is a daemon task
     * @return the new task
     */
    public static <T> Task<T> spawn(String call, AsyncCallable<T, ?> body, boolean daemon) {
        KernelCore k = kernelOf(call);
        if (body == null) { // not requireNonNull(body, () -> ...): a capturing lambda per spawn costs
            throw new NullPointerException(call + ": body must not be null");
        }
        Task<T> child = k.spawn(body, daemon);
        curio.api.internal.TaskContext.inherit((AbstractTask<?>) k.currentTask(), (AbstractTask<?>) child);
        return child;
    }

    /**
     * Requests cancellation of {@code task} with {@code exception}; never blocks.
     *
     * @param task the task
     * @param exception the exception to raise in it
     * @throws IllegalArgumentException if the task belongs to another kernel
     */
    public static void cancelTask(Task<?> task, Throwable exception) {
        kernelOf("Traps.cancelTask()").cancelTask(task, exception);
    }

    /**
     * Readies up to {@code n} tasks waiting on {@code queue}; returns how many.
     *
     * @param queue the wait queue
     * @param n the most tasks to ready; {@code Integer.MAX_VALUE} for all
     * @return how many tasks were readied, at most {@code n}
     */
    public static int schedulerWake(SchedQueue queue, int n) {
        return kernelOf("Traps.schedulerWake()").wake(queue, n);
    }

    /**
     * Fails unless the calling task's kernel lets tasks wait for other threads (its backend's
     * {@link ThreadWaits}): call it before starting work on a thread, so that a kernel that refuses such waits
     * refuses before anything runs.
     *
     * @param call the public name of the operation, for the error
     * @throws IllegalStateException from a plain thread, or in a kernel that refuses waits on threads
     */
    public static void requireThreadWaits(String call) {
        KernelCore k = kernelOf(call);
        ThreadWaits waits = k.capability(ThreadWaits.class);
        if (!waits.allowed()) {
            throw new IllegalStateException(call + " in a task of " + k.kernel() + ", which refuses waits on other"
                    + " threads: " + waits.reason() + "; nothing was started");
        }
    }

    /**
     * Returns the randomness of the calling task's kernel ({@link Randomness#program()}): drawn from the seed
     * in a simulation, the thread's own generator elsewhere.
     *
     * @param call the public name of the operation, for the error a plain thread gets
     * @return the generator, to use in the calling task only
     */
    public static java.util.random.RandomGenerator random(String call) {
        return kernelOf(call).capability(Randomness.class).program();
    }

    /**
     * Returns what the calling task's kernel offers of {@code kind}: its backend's capability, or the
     * real-world default ({@link curio.api.spi.ReadinessSelector#capability} lists the kinds).
     * <pre>{@code
     * InetAddress[] addresses = Traps.capability("connect", NameResolver.class).resolve(host);
     * }</pre>
     *
     * @param <C> the kind of capability
     * @param call the public name of the operation, for the error a plain thread gets
     * @param kind the capability's interface
     * @return the capability, or null for a kind with no default that the backend does not offer
     * @throws IllegalStateException from a plain thread
     */
    public static <C> C capability(String call, Class<C> kind) {
        return kernelOf(call).capability(kind);
    }

    /**
     * Returns the public face of the calling task's kernel (its names and settings).
     *
     * @return the public face of the calling task's kernel (its names and settings)
     */
    public static Kernel kernel() {
        return kernelOf("Traps.kernel()").kernel();
    }

    /**
     * Returns the calling task.
     *
     * @return the calling task
     */
    public static Task<?> currentTask() {
        return currentTask("Traps.currentTask()");
    }

    /**
     * {@link #currentTask()}, naming {@code call} in the error a plain thread gets.
     *
     * @param call the public name of the operation, for error messages
     * @return the task
     */
    public static Task<?> currentTask(String call) {
        return kernelOf(call).currentTask();
    }

    /**
     * Returns the kernel clock in nanoseconds.
     *
     * @return the kernel clock in nanoseconds
     */
    public static long clock() {
        return clock("Traps.clock()");
    }

    /**
     * {@link #clock()}, naming {@code call} in the error a plain thread gets.
     *
     * @param call the public name of the operation, for error messages
     * @return the kernel clock, in nanoseconds
     */
    public static long clock(String call) {
        return kernelOf(call).clock();
    }

    /**
     * Narrows the calling task's timeout to {@code deadline}; returns the previous timeout.
     *
     * @param deadline the absolute deadline, in kernel-clock nanoseconds
     * @return the timeout in force before this call, in kernel-clock nanoseconds ({@code NO_DEADLINE} for none)
     */
    public static long setTimeout(long deadline) {
        return kernelOf("Traps.setTimeout()").setTimeout(deadline);
    }

    /**
     * Restores {@code previous} as the calling task's timeout; returns the clock. Never raises.
     *
     * @param previous the timeout to restore
     * @return the kernel clock, in nanoseconds
     */
    public static long unsetTimeout(long previous) {
        return kernelOf("Traps.unsetTimeout()").unsetTimeout(previous);
    }

    /**
     * Allows or disallows cancellation of the calling task; returns the previous setting.
     *
     * @param allow whether to allow cancellation
     * @return the previous setting
     */
    public static boolean setAllowCancel(boolean allow) {
        return kernelOf("Traps.setAllowCancel()").setAllowCancel(allow);
    }

    /**
     * Returns whether the calling task allows cancellation now.
     *
     * @return whether the calling task allows cancellation now
     */
    public static boolean allowCancel() {
        return kernelOf("Traps.allowCancel()").allowCancel();
    }

    /**
     * Replaces the calling task's pending cancellation ({@code null} clears it); returns the previous one.
     *
     * @param call the public name of the operation, for the error a plain thread gets
     * @param pending the new pending cancellation, or null
     * @return the previous pending cancellation, or null
     */
    public static Throwable setCancellation(String call, Throwable pending) {
        return kernelOf(call).setCancellation(pending);
    }

    /**
     * Returns the calling task's pending cancellation, or null.
     *
     * @param call the public name of the operation, for the error a plain thread gets
     * @return the calling task's pending cancellation, or null
     */
    public static Throwable pendingCancellation(String call) {
        return kernelOf(call).pendingCancellation();
    }

    /**
     * Forgets {@code handle} before it is closed; tasks waiting on it fail.
     *
     * @param handle the handle
     */
    public static void ioRelease(IoHandle handle) {
        kernelOf("Traps.ioRelease()").ioRelease(handle);
    }

    /**
     * Returns the tasks waiting on {@code handle}: {@code [reader, writer]}, each possibly null
     * (Curio's {@code _io_waiting}).
     *
     * @param handle the handle
     * @return {@code [reader, writer]}, each possibly null
     */
    public static Task<?>[] ioWaiting(IoHandle handle) {
        return kernelOf("Traps.ioWaiting()").ioWaiting(handle);
    }

    /**
     * Returns every blocked task of the calling task's kernel and what it waits on (the primitive, the
     * task it joins, the handle or the future), oldest task first: the material of deadlock reports.
     *
     * @return every blocked task of the calling task's kernel and what it waits on (the primitive, the task it joins, the handle or the future), oldest task first: the material of deadlock reports
     */
    public static java.util.Map<Task<?>, Object> waits() {
        return kernelOf("Traps.waits()").waits();
    }

    /**
     * Returns the calling task's kernel selector, to open handles on.
     *
     * @return the calling task's kernel selector, to open handles on
     */
    public static ReadinessSelector selector() {
        return selector("Traps.selector()");
    }

    /**
     * {@link #selector()}, naming {@code call} in the error a plain thread gets.
     *
     * @param call the public name of the operation, for the error a plain thread gets
     * @return the kernel's selector
     */
    public static ReadinessSelector selector(String call) {
        return kernelOf(call).capability(ReadinessSelector.class);
    }

    /**
     * Returns the kernel-wide value stored under {@code key}, creating it with {@code create} on first
     * use: per-kernel state of a primitive (a worker pool, the gates of {@code blockInThread}).
     *
     * @param <T> the type of the result
     * @param key compared by {@code equals}; use a private constant
     * @param create makes the value on first use
     * @return the value stored under {@code key}, made by {@code create} if there was none
     */
    public static <T> T local(Object key, Supplier<T> create) {
        return kernelOf("Traps.local()").local(key, create);
    }

    /**
     * Registers {@code action} to run once the kernel shuts down, after every task has ended.
     *
     * @param action the action
     */
    public static void atShutdown(Runnable action) {
        kernelOf("Traps.atShutdown()").atShutdown(action);
    }
}
