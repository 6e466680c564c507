package curio.api;

/**
 * A {@link TaskTimeout} of an inner timeout block escaped it uncaught and reached an outer block whose
 * own deadline has not passed. It is a programming error, not a cancellation.
 */
public class UncaughtTimeoutError extends CurioException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public UncaughtTimeoutError() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public UncaughtTimeoutError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public UncaughtTimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
