package curio.api;

/**
 * Base of every cancellation: raised in a task at a blocking operation when it is cancelled or times out.
 * <p>It extends {@link Error}, as {@code ThreadDeath} did, so that a {@code catch (Exception e)} in user code
 * cannot swallow a cancellation. Catch it only to clean up, and rethrow it.
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

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
