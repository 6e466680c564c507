package curio.sync;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A value or exception shared by curio tasks and plain threads, across kernels (Curio's
 * {@code UniversalResult}): set once from either world, unwrapped by any number of waiters in either.
 * <pre>{@code
 * UniversalResult<Integer> answer = new UniversalResult<>();
 * Thread.ofPlatform().start(() -> answer.set(compute()));
 * int v = Curio.run(answer::unwrap);
 * }</pre>
 *
 * @param <T> the value type
 */
public final class UniversalResult<T> {

    /* Implementation notes. The result is a CompletableFuture that is never handed out: waiters get
     * copies, so cancelling a waiter never cancels the result. Setting twice is detected by the
     * future's own compare-and-set. */

    private final CompletableFuture<T> result = new CompletableFuture<>();

    /** Creates an unset result. */
    public UniversalResult() {}

    /**
     * Waits until set; returns the value or throws the exception itself. From a task or a thread.
     *
     * @return the body's result
     */
    public T unwrap() {
        CompletableFuture<T> f = unwrapAsync();
        return Bridge.await(f, () -> {}, "UniversalResult.unwrap()"); // a copy: abandoning it needs no clean-up
    }

    /**
     * Returns a future of the value, for code on another event loop; cancelling it affects nobody else.
     *
     * @return a future of the value, for code on another event loop; cancelling it affects nobody else
     */
    public CompletableFuture<T> unwrapAsync() {
        return result.copy();
    }

    /**
     * Sets the value and releases every waiter. From a task or a thread; never blocks.
     *
     * @param value the value
     * @throws IllegalStateException if already set
     */
    public void set(T value) {
        if (!result.complete(value)) {
            throw new IllegalStateException("UniversalResult already set");
        }
    }

    /**
     * Sets an exception, which {@link #unwrap()} throws. From a task or a thread; never blocks.
     *
     * @param t the task
     * @throws IllegalStateException if already set
     */
    public void setException(Throwable t) {
        Objects.requireNonNull(t, "UniversalResult.setException(): exception must not be null");
        if (!result.completeExceptionally(t)) {
            throw new IllegalStateException("UniversalResult already set");
        }
    }

    /**
     * Returns whether a value or an exception was set.
     *
     * @return whether a value or an exception was set
     */
    public boolean isSet() {
        return result.isDone();
    }

    @Override
    public String toString() {
        return "UniversalResult[" + (isSet() ? "set" : "unset") + "]";
    }
}
