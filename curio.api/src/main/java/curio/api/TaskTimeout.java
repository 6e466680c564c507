package curio.api;

/**
 * Raised in a task at a blocking operation when the deadline of its own innermost timeout block expires.
 * <p>{@link #clock()} is the kernel clock, in nanoseconds, when the expiry was processed; the timeout
 * machinery uses it to find which enclosing block expired.
 */
public class TaskTimeout extends TimeoutExpiry {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message and an unknown clock. */
    public TaskTimeout() {
        super(null, Long.MIN_VALUE);
    }

    /**
     * Creates the exception with a message and an unknown clock.
     *
     * @param message what happened
     */
    public TaskTimeout(String message) {
        super(message, Long.MIN_VALUE);
    }

    /**
     * Creates the exception with a message, a cause and an unknown clock.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public TaskTimeout(String message, Throwable cause) {
        super(message, cause, Long.MIN_VALUE);
    }

    /**
     * Creates the exception for an expiry processed at a kernel clock value.
     *
     * @param clock the kernel clock at expiry, in nanoseconds
     */
    public TaskTimeout(long clock) {
        super("TaskTimeout at clock " + clock + " ns", clock);
    }

    /** The kernel's, for an expired timer: its stack trace is taken when it is raised (see {@code Cancellations}). */
    TaskTimeout(long clock, Void raisedLater) {
        super("TaskTimeout at clock " + clock + " ns", clock, raisedLater);
    }
}
