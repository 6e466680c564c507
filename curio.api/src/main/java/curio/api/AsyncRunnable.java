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

    /**
     * Adapts this runnable to a callable whose result is {@code null}.
     *
     * @return a callable that runs this and returns null
     */
    default AsyncCallable<Void> asCallable() {
        return new Adapter(this);
    }

    /**
     * A runnable seen as a callable; it keeps the runnable, so that a task's name can be the body's.
     *
     * @param body the runnable
     */
    record Adapter(AsyncRunnable body) implements AsyncCallable<Void> {
        @Override
        public Void call() throws Exception {
            body.run();
            return null;
        }
    }
}
