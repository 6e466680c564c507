package curio.net;

import java.io.IOException;

/**
 * A line grew past the stream's maximum line length without a newline: a peer cannot make
 * {@code readLine} buffer without bound. The bytes stay buffered; {@code read} can still drain them.
 */
public final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param limit the maximum line length in force
     */
    public LineTooLongException(int limit) {
        super("line longer than " + limit + " bytes without a newline; raise it with maxLineLength(int)"
                + " if such lines are expected");
    }
}
