package curio.api;

/**
 * Raised in a task at a blocking operation when the deadline of its own innermost timeout block expires.
 * <p>{@link #clock()} is the kernel clock, in nanoseconds, when the expiry was processed; the timeout
 * machinery uses it to find which enclosing block expired.
 */
public class TaskTimeout extends CancelledError {
    private static final long serialVersionUID = 1L;

    /** Kernel clock at expiry, or {@link Long#MIN_VALUE} when unknown. */
    private final long clock;

    /** Creates the exception with no message and an unknown clock. */
    public TaskTimeout() {
        this.clock = Long.MIN_VALUE;
    }

    /**
     * Creates the exception with a message and an unknown clock.
     *
     * @param message what happened
     */
    public TaskTimeout(String message) {
        super(message);
        this.clock = Long.MIN_VALUE;
    }

    /**
     * Creates the exception with a message, a cause and an unknown clock.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public TaskTimeout(String message, Throwable cause) {
        super(message, cause);
        this.clock = Long.MIN_VALUE;
    }

    /**
     * Creates the exception for an expiry processed at a kernel clock value.
     *
     * @param clock the kernel clock at expiry, in nanoseconds
     */
    public TaskTimeout(long clock) {
        super("TaskTimeout at clock " + clock + " ns");
        this.clock = clock;
    }

    /** Returns the kernel clock, in nanoseconds, at which the deadline expired. */
    public long clock() {
        return clock;
    }
}
