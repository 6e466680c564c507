package curio.net;

import java.io.EOFException;

/**
 * The stream ended before {@code readExactly} had all it asked for; {@link #partial()} holds what
 * arrived (Curio's {@code EOFError} with {@code bytes_read}).
 */
public final class IncompleteReadException extends EOFException {
    private static final long serialVersionUID = 1L;

    private final transient byte[] partial;
    /** How many bytes the read asked for. */
    private final int expected;

    /**
     * Creates the exception.
     *
     * @param partial the bytes read before the end
     * @param expected how many were asked for
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super("Unexpected end of data: got " + partial.length + " of " + expected + " bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /**
     * Returns the bytes read before the end of stream.
     *
     * @return the bytes read before the end of stream
     */
    public byte[] partial() {
        return partial.clone();
    }

    /**
     * Returns how many bytes were asked for.
     *
     * @return how many bytes were asked for
     */
    public int expected() {
        return expected;
    }
}
