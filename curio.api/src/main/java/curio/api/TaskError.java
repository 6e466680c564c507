package curio.api;

/**
 * Raised by {@link Task#join()} when the task failed; {@link #getCause()} is the task's own failure.
 */
public class TaskError extends CurioException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public TaskError() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public TaskError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public TaskError(String message, Throwable cause) {
        super(message, cause);
    }
}
