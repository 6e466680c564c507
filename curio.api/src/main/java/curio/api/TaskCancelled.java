package curio.api;

/**
 * Raised in a task cancelled with {@link Task#cancel()}.
 */
public class TaskCancelled extends CancelledError {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public TaskCancelled() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public TaskCancelled(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public TaskCancelled(String message, Throwable cause) {
        super(message, cause);
    }

    /** The kernel's: its stack trace is taken when it is raised (see {@code Cancellations}). */
    TaskCancelled(Void raisedLater) {
        super("TaskCancelled", raisedLater);
    }
}
