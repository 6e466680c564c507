package curio.process;

import curio.api.Curio;
import curio.api.Task;
import curio.api.TaskGroup;
import curio.api.trap.Rethrow;
import curio.api.trap.Traps;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child process for curio tasks (Curio's {@code curio.subprocess}): its pipes are async streams and
 * waiting for it suspends the task, never a thread.
 * <pre>{@code
 * try (Subprocess p = Subprocess.start(List.of("sort"))) {
 *     Subprocess.Output out = p.communicate("b\na\n".getBytes());
 *     // out.stdout() is "a\nb\n"
 * }
 * byte[] listing = Subprocess.checkOutput(List.of("ls", "-l"));
 * }</pre>
 * Cancelling or timing out a task that waits for the child terminates the child (SIGTERM), and kills
 * it (SIGKILL) if it is still alive after a grace period. The JDK reaps every child, so none is left a
 * zombie; closing the subprocess closes its pipes. Where the kernel's selector can poll a pipe (epoll)
 * the child's piped stdout and stderr are FIFOs it reads with no thread in between (the FIFOs' names
 * are removed as soon as the child has them open, and {@link #process()}'s own input and error streams
 * are then empty); elsewhere a pump thread per pipe reads the JDK's pipe, and closing ends it. Every
 * method must be called from a task; from a plain thread it throws {@code IllegalStateException}.
 */
public final class Subprocess implements AutoCloseable {

    /** How long a terminated child may take to exit before it is killed. */
    public static final Duration GRACE = Duration.ofSeconds(2);

    private final Process process;
    private final List<String> command;
    private final ProcessStream stdin;
    private final ProcessStream stdout;
    private final ProcessStream stderr;
    private final PipeReader outPipe;
    private final PipeReader errPipe;

    private Subprocess(Process process, List<String> command, boolean in, boolean out, boolean err, ChildFifos fifos) {
        this.process = process;
        this.command = command;
        this.stdin = in ? new ProcessStream(new PipeWriter(process.getOutputStream())) : null;
        boolean pumped = fifos == null;
        this.outPipe = out && pumped ? new PipeReader(process.getInputStream(), "curio-pipe-" + process.pid() + "-stdout") : null;
        this.errPipe = err && pumped ? new PipeReader(process.getErrorStream(), "curio-pipe-" + process.pid() + "-stderr") : null;
        this.stdout = !out ? null : new ProcessStream(pumped ? outPipe : new FifoReader(fifos.out));
        this.stderr = !err ? null : new ProcessStream(pumped ? errPipe : new FifoReader(fifos.err));
    }

    /**
     * Starts a command with all three streams piped. A cancellation point.
     *
     * @param command the program and its arguments
     * @return the running child
     * @throws IOException if the I/O fails
     */
    public static Subprocess start(List<String> command) throws IOException {
        return start(new ProcessBuilder(List.copyOf(Objects.requireNonNull(command, "command"))));
    }

    /**
     * Starts a process; the builder's redirects decide which streams are piped. The fork runs in a
     * worker thread. A cancellation point.
     *
     * @param builder the builder
     * @return the running child
     * @throws IOException if the program cannot be started
     */
    public static Subprocess start(ProcessBuilder builder) throws IOException {
        Traps.requireTask("Subprocess.start()");
        Objects.requireNonNull(builder, "builder");
        if (builder.command().isEmpty()) {
            throw new IllegalArgumentException("Subprocess.start(): empty command");
        }
        boolean in = builder.redirectInput() == ProcessBuilder.Redirect.PIPE;
        boolean out = builder.redirectOutput() == ProcessBuilder.Redirect.PIPE;
        boolean err = !builder.redirectErrorStream() && builder.redirectError() == ProcessBuilder.Redirect.PIPE;
        ChildFifos fifos = ChildFifos.open(Traps.selector("Subprocess.start()"), out, err);
        Process p;
        try {
            p = startInWorker(builder, fifos);
        } catch (Throwable t) {
            if (fifos != null) {
                fifos.closeAll(t);
            }
            throw t;
        }
        return new Subprocess(p, List.copyOf(builder.command()), in, out, err, fifos);
    }

    /**
     * Starts the child in a worker thread. The worker and this task meet in {@code started}: whichever
     * comes second sees the other's mark, so a child started for a task that was cancelled (or failed)
     * meanwhile is killed, never left running with nobody to wait for it.
     */
    private static Process startInWorker(ProcessBuilder builder, ChildFifos fifos) throws java.io.IOException {
        java.util.concurrent.atomic.AtomicReference<Object> started = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            return Curio.runInThread(() -> {
                Process child = fifos == null ? builder.start() : fifos.start(builder);
                if (!started.compareAndSet(null, child)) {
                    child.destroyForcibly(); // the task gave up before the child existed
                }
                return child;
            });
        } catch (Throwable t) {
            if (started.getAndSet(ABANDONED) instanceof Process orphan) {
                orphan.destroyForcibly();
            }
            throw t;
        }
    }

    /** What a task that gave up on a start leaves for the worker thread starting the child. */
    private static final Object ABANDONED = new Object();

    private static ProcessStream piped(ProcessStream s, String name) {
        if (s == null) {
            throw new IllegalStateException("the child's " + name + " is not a pipe (see the ProcessBuilder's redirects)");
        }
        return s;
    }

    /**
     * The child's stdin.
     *
     * @return the child's standard input
     * @throws IllegalStateException if it is not piped
     */
    public ProcessStream stdin() {
        return piped(stdin, "stdin");
    }

    /**
     * The child's stdout.
     *
     * @return the child's standard output
     * @throws IllegalStateException if it is not piped
     */
    public ProcessStream stdout() {
        return piped(stdout, "stdout");
    }

    /**
     * The child's stderr.
     *
     * @return the child's standard error
     * @throws IllegalStateException if it is not piped (or merged into stdout)
     */
    public ProcessStream stderr() {
        return piped(stderr, "stderr");
    }

    /**
     * Returns the child's process id.
     *
     * @return the child's process id
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Returns the underlying {@link Process}. Read the child's output through {@link #stdout()} and
     * {@link #stderr()}: on a selector that polls the child's pipes itself, the process's own input
     * and error streams are empty.
     *
     * @return the underlying process
     */
    public Process process() {
        return process;
    }

    /** Asks the child to stop (SIGTERM on POSIX). */
    public void terminate() {
        process.destroy();
    }

    /** Kills the child (SIGKILL on POSIX). */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits for the child to exit and returns its exit code (128 + the signal number if a signal ended
     * it). If the waiting task is cancelled or times out, the child is terminated, then killed after
     * {@link #GRACE}. A cancellation point.
     *
     * @return the exit code, or 128 plus the number of the signal that ended the child
     */
    public int waitFor() {
        Traps.requireTask("Subprocess.waitFor()");
        if (!process.isAlive()) {
            return process.exitValue();
        }
        CompletableFuture<Process> exit = process.onExit().copy();
        try {
            return Traps.futureWait(exit, null).exitValue();
        } catch (Throwable cancelled) {
            stop();
            throw Rethrow.unchecked(cancelled);
        }
    }

    /** Terminates the child now and kills it after the grace period if it is still alive; never blocks. */
    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        CompletableFuture.delayedExecutor(GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        });
    }

    /**
     * What {@link #communicate(byte[])} collected.
     *
     * @param stdout what the child wrote to its standard output
     * @param stderr what the child wrote to its standard error
     */
    public record Output(byte[] stdout, byte[] stderr) {}

    /**
     * Writes {@code input} to the child's stdin and closes it (an empty or null input leaves stdin
     * alone), reads stdout and stderr to their ends at the same time, and returns them. Large outputs
     * in both directions never deadlock. If cancelled, the child is terminated as in {@link #waitFor()}.
     *
     * @param input the bytes to write to the child's standard input
     * @return what the child wrote to stdout and stderr
     * @throws IOException if the I/O fails
     */
    public Output communicate(byte[] input) throws IOException {
        Traps.requireTask("Subprocess.communicate()");
        @SuppressWarnings("unchecked")
        Task<byte[]>[] readers = new Task[2];
        try {
            return TaskGroup.run(TaskGroup.Wait.ALL, g -> {
                Task<byte[]> out = stdout == null ? null : g.spawn(stdout::readAll);
                Task<byte[]> err = stderr == null ? null : g.spawn(stderr::readAll);
                readers[0] = out;
                readers[1] = err;
                if (input != null && input.length > 0) {
                    stdin().write(input);
                    stdin.close();
                }
                g.join();
                return new Output(out == null ? new byte[0] : out.result(), err == null ? new byte[0] : err.result());
            });
        } catch (Throwable t) {
            if (t instanceof curio.api.CancelledError cancelled) {
                stop();
                // as Curio's TaskTimeout does: what was read before the timeout is not lost
                cancelled.attach(new PartialOutput(partial(readers[0]), partial(readers[1])));
            }
            throw Rethrow.unchecked(t);
        }
    }

    /** What a reader of communicate() had read when the group ended: its result, or its partial read. */
    private static byte[] partial(Task<byte[]> reader) {
        if (reader == null || !reader.terminated()) {
            return new byte[0];
        }
        Throwable failure = reader.exception();
        if (failure == null) {
            return reader.result();
        }
        return failure instanceof curio.api.CancelledError c
                ? c.detail(curio.net.PartialIo.Read.class).map(curio.net.PartialIo.Read::bytes).orElse(new byte[0])
                : new byte[0];
    }

    /**
     * The result of {@link #run(List)}.
     *
     * @param command the program and its arguments
     * @param exitCode the child's exit code
     * @param stdout what the child wrote to its standard output
     * @param stderr what the child wrote to its standard error
     */
    public record Completed(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {}

    /**
     * Runs a command to its end with stdin empty and stdout/stderr collected (Curio's
     * {@code subprocess.run}). If cancelled, the child is killed.
     *
     * @param command the program and its arguments
     * @return the exit code and the output
     * @throws IOException if the I/O fails
     */
    public static Completed run(List<String> command) throws IOException {
        return run(command, null);
    }

    /**
     * Runs a command with {@code input} on its stdin; see {@link #run(List)}.
     *
     * @param command the program and its arguments
     * @param input the bytes to write to the child's standard input
     * @return the exit code and the output
     * @throws IOException if the I/O fails
     */
    public static Completed run(List<String> command, byte[] input) throws IOException {
        try (Subprocess p = start(command)) {
            Output out;
            try {
                if (input == null || input.length == 0) {
                    p.stdin.close(); // the child reads end of file at once
                }
                out = p.communicate(input);
            } catch (Throwable t) {
                p.kill();
                throw Rethrow.unchecked(t);
            }
            return new Completed(p.command, p.waitFor(), out.stdout(), out.stderr());
        }
    }

    /**
     * Runs a command and returns its stdout.
     *
     * @param command the program and its arguments
     * @return the bytes read
     * @throws CalledProcessError if it exits with a non-zero code (carrying stdout and stderr)
     * @throws IOException if the I/O fails
     */
    public static byte[] checkOutput(List<String> command) throws IOException {
        Completed c = run(command);
        if (c.exitCode() != 0) {
            throw new CalledProcessError(c.exitCode(), c.command(), c.stdout(), c.stderr());
        }
        return c.stdout();
    }

    /** Closes the pipes (ending any pump threads) and waits for the child to exit. */
    @Override
    public void close() throws IOException {
        try {
            for (ProcessStream s : new ProcessStream[] {stdin, stdout, stderr}) {
                if (s != null) {
                    s.close();
                }
            }
        } finally {
            waitFor();
        }
    }

    /** True when threads pump this child's output (the selector cannot poll a pipe); false when the selector reads it. */
    boolean pumped() {
        return outPipe != null || errPipe != null;
    }

    /** True while a pump thread of this child's pipes still runs (for tests of thread leaks). */
    boolean pumpsAlive() {
        return (outPipe != null && outPipe.pumpAlive()) || (errPipe != null && errPipe.pumpAlive());
    }

    @Override
    public String toString() {
        return "Subprocess[pid=" + process.pid() + ", " + command + (process.isAlive() ? "" : ", exited") + "]";
    }
}
