package curio.process;

import curio.api.CurioException;

/**
 * Stands for an exception raised in a worker JVM whose own class could not travel back; the message
 * holds the remote stack trace as text. Also the cause of exceptions that did travel back, carrying the
 * remote trace (Curio's {@code RemoteTraceback}).
 */
public final class RemoteException extends CurioException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param remoteTrace the formatted remote stack trace
     */
    public RemoteException(String remoteTrace) {
        super(remoteTrace);
    }
}
