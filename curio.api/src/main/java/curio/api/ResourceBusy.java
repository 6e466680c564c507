package curio.api;

/**
 * Two tasks tried to wait on the same direction of one I/O handle; only one reader and one writer may wait.
 */
public class ResourceBusy extends CurioException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with no message. */
    public ResourceBusy() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message what happened
     */
    public ResourceBusy(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and a cause.
     *
     * @param message what happened
     * @param cause the underlying failure
     */
    public ResourceBusy(String message, Throwable cause) {
        super(message, cause);
    }
}
