package curio.process;

import curio.api.spi.PipeHandle;
import curio.api.spi.ReadinessSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a child's stdout and stderr go when the kernel's selector can poll a pipe (epoll): FIFOs made
 * in the temporary directory, their reading ends opened by the selector before the child starts, their
 * writing ends handed to the child as plain file redirects. Once the child has started (or failed to)
 * their names are removed; the open ends stay. Invariant: every reading end opened here is either
 * handed to a {@link FifoReader} or closed, and every FIFO made here is removed.
 */
final class ChildFifos {

    final PipeHandle out;  // null when stdout is not piped
    final PipeHandle err;  // null when stderr is not piped (or merged into stdout)
    private final Path outPath;
    private final Path errPath;

    private ChildFifos(PipeHandle out, Path outPath, PipeHandle err, Path errPath) {
        this.out = out;
        this.outPath = outPath;
        this.err = err;
        this.errPath = errPath;
    }

    /**
     * Opens the FIFOs for the piped outputs; null when there is none to pipe, when the selector cannot
     * poll a pipe, or when no FIFO can be made in the temporary directory (a file system without them):
     * the caller then pumps the JDK's pipes with threads, as on a selector that cannot poll. Kernel side.
     */
    static ChildFifos open(ReadinessSelector selector, boolean out, boolean err) {
        if (!out && !err) {
            return null;
        }
        Path outPath = out ? fresh("stdout") : null;
        Path errPath = err ? fresh("stderr") : null;
        PipeHandle o = null;
        try {
            o = out ? selector.openFifoReader(outPath) : null;
            PipeHandle e = err ? selector.openFifoReader(errPath) : null;
            return new ChildFifos(o, outPath, e, errPath);
        } catch (UnsupportedOperationException cannotPoll) {
            return null; // thrown by the first open, before anything was made
        } catch (IOException cannotMake) {
            closeQuietly(o, cannotMake);
            removeQuietly(outPath, cannotMake);
            if (!warned) {
                warned = true; // once per JVM: the cause is the machine's, not the child's
                System.getLogger(ChildFifos.class.getName()).log(System.Logger.Level.WARNING, "cannot make a FIFO in "
                        + System.getProperty("java.io.tmpdir") + " (" + cannotMake.getMessage()
                        + "): children's output is read by pump threads instead");
            }
            return null;
        } catch (RuntimeException | Error failed) {
            closeQuietly(o, failed);
            removeQuietly(outPath, failed);
            throw failed;
        }
    }

    private static volatile boolean warned;

    private static Path fresh(String stream) {
        String name = "curio-" + ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + "-" + stream;
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    /**
     * Starts the child with its piped outputs redirected to the FIFOs, from a copy of {@code builder}
     * (the caller's builder is left as it was), then removes the FIFOs' names. Runs in a worker thread.
     */
    Process start(ProcessBuilder builder) throws IOException {
        ProcessBuilder b = new ProcessBuilder(builder.command())
                .directory(builder.directory())
                .redirectInput(builder.redirectInput())
                .redirectOutput(out != null ? ProcessBuilder.Redirect.to(outPath.toFile()) : builder.redirectOutput())
                .redirectError(err != null ? ProcessBuilder.Redirect.to(errPath.toFile()) : builder.redirectError())
                .redirectErrorStream(builder.redirectErrorStream());
        b.environment().clear();
        b.environment().putAll(builder.environment());
        try {
            return b.start();
        } finally {
            removeQuietly(outPath, null);
            removeQuietly(errPath, null);
        }
    }

    /** Closes both reading ends (the child was never started, or starting it failed). Kernel side. */
    void closeAll(Throwable cause) {
        closeQuietly(out, cause);
        closeQuietly(err, cause);
    }

    private static void closeQuietly(PipeHandle p, Throwable cause) {
        if (p == null) {
            return;
        }
        try {
            p.close();
        } catch (IOException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    private static void removeQuietly(Path p, Throwable cause) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                System.getLogger(ChildFifos.class.getName()).log(System.Logger.Level.WARNING,
                        "could not remove the FIFO " + p + ": " + e);
            }
        }
    }
}
