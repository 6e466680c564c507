package curio.process;

import curio.api.CurioException;
import java.util.List;

/** A child run by {@link Subprocess#checkOutput} exited with a non-zero code; its output is kept. */
public final class CalledProcessError extends CurioException {
    private static final long serialVersionUID = 1L;

    /** The child's exit code. */
    private final int exitCode;
    /** The program and its arguments. */
    private final List<String> command;
    private final transient byte[] output;
    private final transient byte[] stderr;

    /**
     * Creates the exception.
     *
     * @param exitCode the child's exit code
     * @param command what was run
     * @param output its stdout
     * @param stderr its stderr
     */
    public CalledProcessError(int exitCode, List<String> command, byte[] output, byte[] stderr) {
        super("Command " + command + " returned non-zero exit status " + exitCode);
        this.exitCode = exitCode;
        this.command = List.copyOf(command);
        this.output = output;
        this.stderr = stderr;
    }

    /**
     * Returns the exit code.
     *
     * @return the exit code
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Returns the command.
     *
     * @return the command
     */
    public List<String> command() {
        return command;
    }

    /**
     * Returns what the child wrote to stdout.
     *
     * @return what the child wrote to stdout
     */
    public byte[] output() {
        return output.clone();
    }

    /**
     * Returns what the child wrote to stderr.
     *
     * @return what the child wrote to stderr
     */
    public byte[] stderr() {
        return stderr.clone();
    }
}
