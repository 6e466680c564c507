package curio.api;

/**
 * A piece of async code that returns a value: the body of a task, a timeout block or a group.
 * <p>It runs inside a curio task, so it may call every async method ({@link Curio#sleep},
 * {@link Task#join}, socket reads, ...). It may throw any exception; the caller sees it unchanged.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface AsyncCallable<T> {
    /**
     * Runs the code.
     *
     * @return the result
     * @throws Exception whatever the code throws
     */
    T call() throws Exception;
}
