package curio.api;

/**
 * Base of every cancellation: raised in a task at a blocking operation when it is cancelled or times out.
 * <p>It extends {@link Error}, as {@code ThreadDeath} did, so that a {@code catch (Exception e)} in user code
 * cannot swallow a cancellation. Catch it only to clean up, and rethrow it.
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public CancelledError() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public CancelledError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public CancelledError(String message, Throwable cause) {
        super(message, cause);
    }
}
