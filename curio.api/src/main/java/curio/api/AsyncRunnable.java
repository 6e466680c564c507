package curio.api;

/**
 * A piece of async code with no result: the body of a task, a timeout block or a group.
 * <p>It runs inside a curio task, so it may call every async method.
 */
@FunctionalInterface
public interface AsyncRunnable {
    /**
     * Runs the code.
     *
     * @throws Exception whatever the code throws
     */
    void run() throws Exception;

    /** Adapts this runnable to a callable whose result is {@code null}. */
    default AsyncCallable<Void> asCallable() {
        return () -> {
            run();
            return null;
        };
    }
}
