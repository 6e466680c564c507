package curio.api;

/**
 * A handle on a running coroutine: what {@link Curio#spawn(AsyncCallable)} returns.
 * <p>Async methods ({@link #join()}, {@link #awaitTermination()}, {@link #cancel()}) must be called from a
 * task; from a plain thread they throw {@code IllegalStateException}. The rest may be read from the
 * task's own kernel at any time.
 * <pre>{@code
 * Task<Integer> child = Curio.spawn(() -> compute());
 * int value = child.join();          // TaskError if compute() failed
 * }</pre>
 *
 * @param <T> the type of the task's result
 */
public interface Task<T> {

    /**
     * Returns the task id, unique in the JVM and increasing from 1.
     *
     * @return the task id, unique in the JVM and increasing from 1
     */
    long id();

    /**
     * Returns a readable name: the body's class or an explicit name.
     *
     * @return a readable name: the body's class or an explicit name
     */
    String name();

    /**
     * Returns the task that spawned this one, or {@code null} for a kernel's main task.
     *
     * @return the parent task, or {@code null} for a kernel's main task
     */
    Task<?> parent();

    /**
     * Returns true for a daemon task: never reported as unjoined; ignored by group results.
     *
     * @return true for a daemon task: never reported as unjoined; ignored by group results
     */
    boolean daemon();

    /**
     * Returns what the task is doing now.
     *
     * @return what the task is doing now
     */
    TaskState state();

    /**
     * Returns true once the task has ended, in any way.
     *
     * @return true once the task has ended, in any way
     */
    boolean terminated();

    /**
     * Returns true once the task was joined, its result or its termination awaited, or it was reaped
     * by a task group (Curio's {@code task.joined}); a task that ends fine with this still false is
     * reported as never joined.
     *
     * @return true once the task was joined, its result or end awaited, or a task group reaped it
     */
    boolean joined();

    /**
     * Returns true once a cancel request was accepted for this task, even if the task then returned normally.
     *
     * @return true once a cancel request was accepted for this task, even if the task then returned normally
     */
    boolean cancelled();

    /**
     * Waits for the task to end and returns its result.
     * If the task belongs to a {@link TaskGroup}, joining removes it from the group.
     * Returns at once, without a cancellation point, if the task has already ended.
     *
     * @return the value the task returned
     * @throws TaskError if the task failed or was cancelled; its cause is the task's exception
     */
    T join();

    /**
     * Waits for the task to end without reading its result (Curio's {@code wait()}); never throws the
     * task's failure. It is a cancellation point unless the task has already ended.
     */
    void awaitTermination();

    /**
     * Cancels the task with {@link TaskCancelled} and waits for it to end.
     * A second request sends nothing new; cancelling an ended task only marks it joined.
     *
     * @return false if the task had already ended
     */
    default boolean cancel() {
        return cancel(true);
    }

    /**
     * Cancels the task with {@link TaskCancelled}.
     *
     * @param blocking whether to wait for the task to end
     * @return false if the task had already ended
     */
    boolean cancel(boolean blocking);

    /**
     * Returns the result of an ended task, or throws its failure itself (not wrapped). Marks it joined.
     *
     * @return the result of an ended task, or throws its failure itself (not wrapped)
     * @throws IllegalStateException if the task has not ended
     */
    T result();

    /**
     * Returns the failure of an ended task, or {@code null} if it returned normally.
     *
     * @return the failure, or {@code null} if the task returned normally
     * @throws IllegalStateException if the task has not ended
     */
    Throwable exception();
}
