package curio.api;

/**
 * Raised inside a timeout block when an <em>outer</em> block's deadline expired; the outer block turns it back
 * into a {@link TaskTimeout}. Catching {@code TaskTimeout} in the inner block therefore does not catch it.
 * <p>{@link #clock()} is the kernel clock, in nanoseconds, when the expiry was processed; the timeout
 * machinery uses it to find which enclosing block expired.
 */
public class TimeoutCancellationError extends TimeoutExpiry {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message and an unknown clock. */
    public TimeoutCancellationError() {
        super(null, Long.MIN_VALUE);
    }

    /**
     * Creates the exception with a message and an unknown clock.
     *
     * @param message what happened
     */
    public TimeoutCancellationError(String message) {
        super(message, Long.MIN_VALUE);
    }

    /**
     * Creates the exception with a message, a cause and an unknown clock.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public TimeoutCancellationError(String message, Throwable cause) {
        super(message, cause, Long.MIN_VALUE);
    }

    /**
     * Creates the exception for an expiry processed at a kernel clock value.
     *
     * @param clock the kernel clock at expiry, in nanoseconds
     */
    public TimeoutCancellationError(long clock) {
        super("TimeoutCancellationError at clock " + clock + " ns", clock);
    }
}
