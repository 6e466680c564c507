package curio.api;

/**
 * Base of every cancellation: raised in a task at a blocking operation when it is cancelled or times out.
 * <p>It extends {@link Error}, as {@code ThreadDeath} did, so that a {@code catch (Exception e)} in user code
 * cannot swallow a cancellation. Catch it only to clean up, and rethrow it.
 */
@SuppressWarnings("this-escape") // the constructors take the stack trace, as Throwable's own constructor does
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    private static final byte CONSTRUCTING = 0, AWAITING_RAISE = 1, TRACED = 2;

    static {
        // The kernel makes its cancellations through these package-private constructors (see Cancellations).
        curio.api.internal.Cancellations.install(new curio.api.internal.Cancellations.Maker() {
            @Override
            public TaskCancelled cancelled() {
                return new TaskCancelled((Void) null);
            }

            @Override
            public TaskTimeout timeout(long clock) {
                return new TaskTimeout(clock, (Void) null);
            }

            @Override
            public boolean awaitsRaise(CancelledError e) {
                return e.trace == AWAITING_RAISE;
            }
        });
    }

    /**
     * When the stack trace is taken. Throwable's constructor calls {@link #fillInStackTrace()} before any
     * field is set, so this reads {@code CONSTRUCTING} there and nothing is taken. A public constructor
     * then takes the trace at once, where user code made the exception. A cancellation the kernel makes
     * (a cancel request, an expired timer) is {@code AWAITING_RAISE}: it may stay pending for a long
     * time, so it holds no frames until the kernel raises it in the cancelled task, and the frames it
     * then shows are where that task was blocked, not who cancelled it.
     */
    private byte trace;

    // What the interrupted operation had done (CURIO-SPEC 5.4), as details the module that did it defines
    // (curio.net's PartialIo, curio.process's PartialOutput): attached to the very instance that propagates,
    // at most one of each class, so this class names none of them. Transient: a detail is for the program
    // that caught the exception, not for a stream it is written to.
    private transient Object[] details = NO_DETAILS;
    private static final Object[] NO_DETAILS = {};

    /** Creates the exception with no message. */
    public CancelledError() {
        super();
        traceNow();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public CancelledError(String message) {
        super(message);
        traceNow();
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public CancelledError(String message, Throwable cause) {
        super(message, cause);
        traceNow();
    }

    /**
     * A kernel-made cancellation, its stack trace taken when it is raised (see {@code Cancellations}).
     *
     * @param message what happened
     * @param raisedLater unused: tells this constructor apart
     */
    CancelledError(String message, Void raisedLater) {
        super(message);
        trace = AWAITING_RAISE;
    }

    private void traceNow() {
        trace = TRACED;
        fillInStackTrace(); // the JVM leaves out fillInStackTrace and constructor frames
    }

    /**
     * Takes the stack trace, except while the exception is being constructed; a cancellation made by
     * the kernel takes it the first time it is raised in its task.
     *
     * @return this exception
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        if (trace == CONSTRUCTING) {
            return this;
        }
        trace = TRACED;
        return super.fillInStackTrace();
    }

    /**
     * Returns what the interrupted operation had done before it was cancelled, as a detail of the class
     * its module defines: Curio's {@code e.bytes_sent} is {@code e.detail(PartialIo.Sent.class)}, its
     * {@code e.stdout} is {@code e.detail(PartialOutput.class)}.
     * <pre>{@code
     * try {
     *     sock.sendAll(data);
     * } catch (TaskTimeout e) {
     *     long sent = e.detail(PartialIo.Sent.class).map(PartialIo.Sent::bytes).orElse(0L);
     *     throw e;
     * }
     * }</pre>
     *
     * @param <D> the detail's class
     * @param kind the detail's class
     * @return the detail of that class, or empty if the operation attached none
     */
    public final <D> java.util.Optional<D> detail(Class<D> kind) {
        java.util.Objects.requireNonNull(kind, "kind");
        for (Object d : details != null ? details : NO_DETAILS) { // null once deserialized: it is transient
            if (d.getClass() == kind) {
                return java.util.Optional.of(kind.cast(d));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Attaches what an interrupted operation had done, replacing a detail of the same class; for the
     * module that defines the detail, as the cancellation passes through its operation.
     * <pre>{@code
     * } catch (CancelledError e) {
     *     throw e.attach(new PartialIo.Sent(sent));
     * }
     * }</pre>
     *
     * @param detail the detail, of a class its module defines (a record, usually)
     * @return this exception, to rethrow
     */
    public final CancelledError attach(Object detail) {
        java.util.Objects.requireNonNull(detail, "detail");
        if (details == null) {
            details = NO_DETAILS;
        }
        for (int i = 0; i < details.length; i++) {
            if (details[i].getClass() == detail.getClass()) {
                details[i] = detail;
                return this;
            }
        }
        details = java.util.Arrays.copyOf(details, details.length + 1);
        details[details.length - 1] = detail;
        return this;
    }
}
