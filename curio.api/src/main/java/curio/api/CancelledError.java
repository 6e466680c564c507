package curio.api;

/**
 * Base of every cancellation: raised in a task at a blocking operation when it is cancelled or times out.
 * <p>It extends {@link Error}, as {@code ThreadDeath} did, so that a {@code catch (Exception e)} in user code
 * cannot swallow a cancellation. Catch it only to clean up, and rethrow it.
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    private static final byte CONSTRUCTING = 0, AWAITING_RAISE = 1, TRACED = 2;

    /**
     * When the stack trace is taken. Throwable's constructor calls {@link #fillInStackTrace()} before any
     * field is set, so this reads {@code CONSTRUCTING} there and nothing is taken. A public constructor
     * then takes the trace at once, where user code made the exception. A cancellation the kernel makes
     * (a cancel request, an expired timer) is {@code AWAITING_RAISE}: it may stay pending for a long
     * time, so it holds no frames until the kernel raises it in the cancelled task, and the frames it
     * then shows are where that task was blocked, not who cancelled it.
     */
    private byte trace;

    // Partial results attached by I/O helpers to the very instance that propagates (CURIO-SPEC 5.4);
    // -1 / null when the interrupted operation did not report them.
    /** Bytes a cancelled send had sent, or -1. */
    private long bytesSent = -1;
    /** Bytes a cancelled stream write had written, or -1. */
    private long bytesWritten = -1;
    private transient byte[] bytesRead;
    private transient java.util.List<byte[]> linesRead;
    private transient byte[] stdout;
    private transient byte[] stderr;

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

    /** Whether the kernel must take the stack trace as it raises this exception in its task. */
    boolean awaitsRaise() {
        return trace == AWAITING_RAISE;
    }

    /**
     * Bytes a cancelled {@code sendAll} had sent, or -1.
     *
     * @return how many
     */
    public long bytesSent() {
        return bytesSent;
    }

    /**
     * Records how many bytes a cancelled send had sent; returns this.
     *
     *
     * @param n how many
     * @return this exception
     */
    public CancelledError bytesSent(long n) {
        this.bytesSent = n;
        return this;
    }

    /**
     * Bytes a cancelled stream write or writeLines had written, or -1.
     *
     * @return how many
     */
    public long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Records how many bytes a cancelled write had written; returns this.
     *
     *
     * @param n how many
     * @return this exception
     */
    public CancelledError bytesWritten(long n) {
        this.bytesWritten = n;
        return this;
    }

    /**
     * Bytes a cancelled readAll or readExactly had read, or null.
     *
     * @return the bytes read
     */
    public byte[] bytesRead() {
        return bytesRead;
    }

    /**
     * Records the bytes a cancelled read had read; returns this.
     *
     *
     * @param data the bytes
     * @return this exception
     */
    public CancelledError bytesRead(byte[] data) {
        this.bytesRead = data;
        return this;
    }

    /**
     * Lines a cancelled readLines had read, or null.
     *
     * @return the bytes read
     */
    public java.util.List<byte[]> linesRead() {
        return linesRead;
    }

    /**
     * Records the lines a cancelled readLines had read; returns this.
     *
     *
     * @param lines the lines
     * @return this exception
     */
    public CancelledError linesRead(java.util.List<byte[]> lines) {
        this.linesRead = lines;
        return this;
    }

    /**
     * What a child process had written to its standard output when a {@code communicate} or
     * {@code Subprocess.run} was cancelled or timed out (Curio's {@code e.stdout}), or null.
     *
     * @return the bytes, or null
     */
    public byte[] stdout() {
        return stdout;
    }

    /**
     * Records a child's partial standard output; returns this.
     *
     * @param data the bytes read so far
     * @return this exception
     */
    public CancelledError stdout(byte[] data) {
        this.stdout = data;
        return this;
    }

    /**
     * What a child process had written to its standard error when a {@code communicate} or
     * {@code Subprocess.run} was cancelled or timed out (Curio's {@code e.stderr}), or null.
     *
     * @return the bytes, or null
     */
    public byte[] stderr() {
        return stderr;
    }

    /**
     * Records a child's partial standard error; returns this.
     *
     * @param data the bytes read so far
     * @return this exception
     */
    public CancelledError stderr(byte[] data) {
        this.stderr = data;
        return this;
    }
}
