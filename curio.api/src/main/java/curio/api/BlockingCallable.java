package curio.api;

/**
 * Blocking work handed to a worker thread by {@link Curio#runInThread} or {@link Curio#blockInThread}: the
 * blocking world's {@link java.util.concurrent.Callable}, with what it throws kept for the compiler.
 * <p>{@code X} is inferred from the lambda, so the call that runs the work throws exactly its checked exceptions:
 * <pre>{@code
 * byte[] data = Curio.runInThread(() -> Files.readAllBytes(path)); // throws IOException, nothing broader
 * }</pre>
 *
 * @param <T> the result type
 * @param <X> the checked exception the work may throw ({@link RuntimeException} when it throws none)
 */
@FunctionalInterface
public interface BlockingCallable<T, X extends Exception> {
    /**
     * Does the work, blocking the worker thread it runs on.
     *
     * @return the result
     * @throws X whatever the work throws
     */
    T call() throws X;
}
