package curio.api.internal;

import curio.api.AsyncCallable;
import curio.api.Kernel;
import curio.api.Task;
import java.util.function.Supplier;

/**
 * The kernel as {@link curio.api.trap.Traps} reaches it: one method per trap, nothing else.
 * Implemented by {@code curio.kernel}; this package is exported to it alone, so no other module can
 * name this type, bind a thread to a kernel or reach a kernel except through the traps.
 * <p>Every method is called on the thread that currently runs a task of this kernel (the task holds
 * the kernel), so implementations need no synchronisation. {@link #trap(KernelTrap)} is the only
 * method that suspends.
 */
public interface KernelCore {

    /**
     * Performs a blocking trap for the current task and returns its value once the task resumes.
     *
     * @param trap the trap to perform, one of {@code BlockingTrap}'s records; never null
     * @return the trap's value: the clock for a sleep, the future's value, or null
     */
    Object trap(KernelTrap trap);

    /**
     * Returns the task that is running now, or {@code null} when none is.
     *
     * @return the running task, or {@code null} when none runs
     */
    Task<?> currentTask();

    /**
     * Creates a task and puts it at the back of the ready queue.
     *
     * @param <T> the type of the result
     * @param body the code to run
     * @param daemon whether it is a daemon task
     * @return the new task
     */
    <T> Task<T> spawn(AsyncCallable<T, ?> body, boolean daemon);

    /**
     * Requests cancellation of {@code task} with {@code exception} (CURIO-SPEC 2.5): one-shot, clears the
     * task's timeout, delivered at once if the task is blocked and allows cancellation, else left pending.
     *
     * @param task the task
     * @param exception the exception to raise in it
     * @throws IllegalArgumentException if the task belongs to another kernel
     */
    void cancelTask(Task<?> task, Throwable exception);

    /**
     * Readies up to {@code n} tasks suspended on {@code queue}; returns how many.
     *
     * @param queue the wait queue
     * @param n the most tasks to ready
     * @return how many tasks were readied, at most {@code n}
     */
    int wake(WaitList queue, int n);

    /**
     * Returns the public face of this kernel.
     *
     * @return the public face of this kernel
     */
    Kernel kernel();

    /**
     * Returns the kernel's capability of {@code kind}: its backend's ({@code ReadinessSelector.capability}; the
     * selector itself for {@code ReadinessSelector.class}),
     * or the real-world default for the kinds that have one ({@code ThreadWaits}, {@code Randomness},
     * {@code NameResolver}).
     *
     * @param <C> the kind of capability
     * @param kind the capability's interface
     * @return the capability, or null for a kind with no default that the backend does not offer
     */
    <C> C capability(Class<C> kind);

    /**
     * Returns the kernel clock in nanoseconds (monotonic; virtual under a virtual clock).
     *
     * @return the kernel clock in nanoseconds (monotonic; virtual under a virtual clock)
     */
    long clock();

    /**
     * Sets the current task's timeout to {@code min(current, deadline)} and returns the previous one.
     * {@code AbstractTask.NO_DEADLINE} leaves the current timeout alone.
     *
     * @param deadline the absolute deadline, in kernel-clock nanoseconds
     * @return the timeout in force before this call, in kernel-clock nanoseconds ({@code NO_DEADLINE} for none)
     */
    long setTimeout(long deadline);

    /**
     * Restores the timeout {@code previous} when a timeout block is left (CURIO-SPEC 4.3); never raises.
     * Returns the clock.
     *
     * @param previous the timeout to restore
     * @return the kernel clock, in nanoseconds
     */
    long unsetTimeout(long previous);

    /**
     * Allows or disallows cancellation of the current task; returns the previous setting.
     *
     * @param allow whether to allow cancellation
     * @return the previous setting
     */
    boolean setAllowCancel(boolean allow);

    /**
     * Returns whether the current task allows cancellation.
     *
     * @return whether the current task allows cancellation
     */
    boolean allowCancel();

    /**
     * Replaces the current task's pending cancellation ({@code null} clears it); returns the previous one.
     *
     * @param pending the new pending cancellation, or null
     * @return the previous pending cancellation, or null
     */
    Throwable setCancellation(Throwable pending);

    /**
     * Returns the current task's pending cancellation, or null.
     *
     * @return the current task's pending cancellation, or null
     */
    Throwable pendingCancellation();

    /**
     * Forgets {@code handle}: removes its interest and fails any task waiting on it.
     *
     * @param handle the handle
     */
    void ioRelease(IoSlots handle);

    /**
     * Returns the tasks waiting on {@code handle}: {@code [reader, writer]}, each possibly null.
     *
     * @param handle the handle
     * @return {@code [reader, writer]}, each possibly null
     */
    Task<?>[] ioWaiting(IoSlots handle);

    /**
     * Returns every blocked task of the kernel and what it waits on: the owner of its wait queue (a
     * primitive, or the task it joins), the handle of an I/O wait, the future of a thread wait, or a
     * description of a sleep.
     *
     * @return every blocked task of the kernel and what it waits on: the owner of its wait queue (a primitive, or the task it joins), the handle of an I/O wait, the future of a thread wait, or a description of a sleep
     */
    java.util.Map<Task<?>, Object> waits();

    /**
     * Returns whether {@code handle} was opened by this kernel's selector: a task may wait only on those.
     *
     * @param handle an I/O handle
     * @return true if this kernel's selector owns it
     */
    boolean owns(IoSlots handle);

    /**
     * Returns the kernel-wide value stored under {@code key}, creating it on first use.
     *
     * @param <T> the type of the result
     * @param key the key
     * @param create makes the value on first use
     * @return the value stored under {@code key}, made by {@code create} if there was none
     */
    <T> T local(Object key, Supplier<T> create);

    /**
     * Registers an action to run when the kernel shuts down, after every task has ended.
     *
     * @param action the action
     */
    void atShutdown(Runnable action);
}
