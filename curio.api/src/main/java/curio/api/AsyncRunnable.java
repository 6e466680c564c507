package curio.api;

/**
 * A piece of async code with no result: the body of a task, a timeout block or a group.
 * <p>It runs inside a curio task, so it may call every async method. As with {@link AsyncCallable}, {@code X} is
 * what it throws, inferred from the lambda, so that a call running it in the caller's extent throws the same.
 *
 * @param <X> the checked exception the body may throw ({@link RuntimeException} when it throws none)
 */
@FunctionalInterface
public interface AsyncRunnable<X extends Exception> {
    /**
     * Runs the code.
     *
     * @throws X whatever the code throws
     */
    void run() throws X;

    /**
     * Adapts this runnable to a callable whose result is {@code null}.
     *
     * @return a callable that runs this and returns null, throwing what this throws
     */
    default AsyncCallable<Void, X> asCallable() {
        return new Adapter<>(this);
    }

    /**
     * A runnable seen as a callable; it keeps the runnable, so that a task's name can be the body's.
     *
     * @param <X> the checked exception the body may throw
     * @param body the runnable
     */
    record Adapter<X extends Exception>(AsyncRunnable<X> body) implements AsyncCallable<Void, X> {
        @Override
        public Void call() throws X {
            body.run();
            return null;
        }
    }
}
