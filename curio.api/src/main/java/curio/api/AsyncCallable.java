package curio.api;

/**
 * A piece of async code that returns a value: the body of a task, a timeout block or a group.
 * <p>It runs inside a curio task, so it may call every async method ({@link Curio#sleep},
 * {@link Task#join}, socket reads, ...). What it throws reaches the caller unchanged, and the compiler
 * knows it: {@code X} is inferred from the lambda, so where the body runs in the caller's own extent
 * ({@link Curio#timeoutAfter(java.time.Duration, AsyncCallable)}, {@link TaskGroup#run}, {@link Curio#run(AsyncCallable)},
 * ...) the call throws exactly the checked exceptions the body throws, and a body that throws none needs no catch.
 * <pre>{@code
 * try {
 *     Socket s = Curio.timeoutAfter(Duration.ofSeconds(5), () -> Net.openConnection(host, port));
 * } catch (ConnectException e) { // compiles: the lambda throws IOException, and so does timeoutAfter
 *     ...
 * }
 * }</pre>
 * A task's body may throw anything: {@link Curio#spawn(AsyncCallable)} takes {@code AsyncCallable<T, ?>}, and the
 * failure arrives through {@link Task#join()}.
 *
 * @param <T> the result type
 * @param <X> the checked exception the body may throw ({@link RuntimeException} when it throws none)
 */
@FunctionalInterface
public interface AsyncCallable<T, X extends Exception> {
    /**
     * Runs the code.
     *
     * @return the result
     * @throws X whatever the code throws
     */
    T call() throws X;
}
