package curio.api;

/**
 * What {@link TaskTimeout} and {@link TimeoutCancellationError} share: the kernel clock at which a
 * deadline expired, which the timeout blocks use to find out whose deadline it was (CURIO-SPEC 4.4).
 * Package-private: the two public exceptions are the names users catch, as in Curio.
 */
abstract class TimeoutExpiry extends CancelledError {
    private static final long serialVersionUID = 1L;

    /** Kernel clock at expiry, or {@link Long#MIN_VALUE} when unknown. */
    private final long clock;

    TimeoutExpiry(String message, long clock) {
        super(message); // the cause stays unset: the timeout blocks chain one with initCause
        this.clock = clock;
    }

    TimeoutExpiry(String message, long clock, Void raisedLater) {
        super(message, raisedLater);
        this.clock = clock;
    }

    TimeoutExpiry(String message, Throwable cause, long clock) {
        super(message, cause);
        this.clock = clock;
    }

    /**
     * Returns the kernel clock, in nanoseconds, at which the deadline expired ({@link Long#MIN_VALUE}: unknown).
     *
     * @return the kernel clock in nanoseconds, or {@link Long#MIN_VALUE}
     */
    public long clock() {
        return clock;
    }
}
