package curio.api;

/**
 * Base of every curio failure that is not a cancellation.
 */
public class CurioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public CurioException() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public CurioException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public CurioException(String message, Throwable cause) {
        super(message, cause);
    }
}
