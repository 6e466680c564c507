package curio.process;

import curio.api.CurioException;

/** A worker JVM died while running a call (it exited, crashed, or was killed); only that call fails. */
public final class WorkerCrashedException extends CurioException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the worker's pid and exit code
     */
    public WorkerCrashedException(String message) {
        super(message);
    }
}
