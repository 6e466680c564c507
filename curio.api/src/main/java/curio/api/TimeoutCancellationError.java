package curio.api;

/**
 * Raised inside a timeout block when an <em>outer</em> block's deadline expired; the outer block turns it back
 * into a {@link TaskTimeout}. Catching {@code TaskTimeout} in the inner block therefore does not catch it.
 * <p>{@link #clock()} is the kernel clock, in nanoseconds, when the expiry was processed; the timeout
 * machinery uses it to find which enclosing block expired.
 */
public class TimeoutCancellationError extends CancelledError {
    private static final long serialVersionUID = 1L;

    /** Kernel clock at expiry, or {@link Long#MIN_VALUE} when unknown. */
    private final long clock;

    /** Creates the exception with no message and an unknown clock. */
    public TimeoutCancellationError() {
        this.clock = Long.MIN_VALUE;
    }

    /**
     * Creates the exception with a message and an unknown clock.
     *
     * @param message what happened
     */
    public TimeoutCancellationError(String message) {
        super(message);
        this.clock = Long.MIN_VALUE;
    }

    /**
     * Creates the exception with a message, a cause and an unknown clock.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public TimeoutCancellationError(String message, Throwable cause) {
        super(message, cause);
        this.clock = Long.MIN_VALUE;
    }

    /**
     * Creates the exception for an expiry processed at a kernel clock value.
     *
     * @param clock the kernel clock at expiry, in nanoseconds
     */
    public TimeoutCancellationError(long clock) {
        super("TimeoutCancellationError at clock " + clock + " ns");
        this.clock = clock;
    }

    /** Returns the kernel clock, in nanoseconds, at which the deadline expired. */
    public long clock() {
        return clock;
    }
}
