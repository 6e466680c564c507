package curio.api;

/**
 * A second task tried to wait for the same handle to become readable.
 */
public class ReadResourceBusy extends ResourceBusy {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public ReadResourceBusy() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public ReadResourceBusy(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public ReadResourceBusy(String message, Throwable cause) {
        super(message, cause);
    }
}
