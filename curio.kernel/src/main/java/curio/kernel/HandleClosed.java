package curio.kernel;

import java.nio.channels.ClosedChannelException;

/**
 * A {@link ClosedChannelException} that says which handle and which task: what a task waiting on a
 * socket gets when the socket is closed under it (the JDK's exception has no message).
 */
final class HandleClosed extends ClosedChannelException {
    private static final long serialVersionUID = 1L;

    private final String message;

    HandleClosed(String message) {
        this.message = message;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
