package curio.net;

import curio.api.CurioException;

/** A message channel's challenge/response authentication failed (Curio's {@code AuthenticationError}). */
public class AuthenticationError extends CurioException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public AuthenticationError() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public AuthenticationError(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public AuthenticationError(String message, Throwable cause) {
        super(message, cause);
    }
}
