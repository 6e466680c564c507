package curio.sync;

import curio.api.trap.Rethrow;
import java.util.Objects;

/**
 * A value or an exception that tasks can wait for (Curio's {@code Result}): set once, unwrapped by
 * any number of tasks.
 * <pre>{@code
 * Result<String> reply = new Result<>();
 * Curio.spawn(() -> reply.set(fetch()));
 * String s = reply.unwrap();
 * }</pre>
 * Not thread-safe (see {@link UniversalResult} for threads).
 *
 * @param <T> the value type
 */
public final class Result<T> {

    private final Event ready = new Event();
    private T value;            // kernel thread only
    private Throwable failure;  // kernel thread only

    /** Creates an unset result. */
    public Result() {}

    /**
     * Waits until the result is set and returns the value, or throws the exception itself.
     * Must be called from a task; from a plain thread it throws {@code IllegalStateException}.
     *
     * @return the body's result
     */
    public T unwrap() {
        ready.await();
        if (failure != null) {
            throw Rethrow.unchecked(failure);
        }
        return value;
    }

    /**
     * Sets the value and wakes every waiting task. Must be called from a task.
     *
     * @param v the value
     * @throws IllegalStateException if the result was already set
     */
    public void set(T v) {
        requireUnset();
        value = v;
        ready.set();
    }

    /**
     * Sets an exception, which {@link #unwrap()} will throw. Must be called from a task.
     *
     * @param t the task
     * @throws IllegalStateException if the result was already set
     */
    public void setException(Throwable t) {
        Objects.requireNonNull(t, "Result.setException(): exception must not be null");
        requireUnset();
        failure = t;
        ready.set();
    }

    /**
     * Returns whether a value or an exception was set.
     *
     * @return whether a value or an exception was set
     */
    public boolean isSet() {
        return ready.isSet();
    }

    private void requireUnset() {
        if (ready.isSet()) {
            throw new IllegalStateException("Result already set");
        }
    }

    @Override
    public String toString() {
        return "Result[" + (!isSet() ? "unset" : failure != null ? "exception " + failure : "value " + value) + "]";
    }
}
