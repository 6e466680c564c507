package curio.process;

import curio.api.Curio;
import curio.net.ByteChannelLike;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The writing end of a child's pipe as an async channel: each write runs in the kernel's worker pool,
 * so a child that reads slowly holds up a worker thread, never the kernel.
 */
final class PipeWriter implements ByteChannelLike {

    private final OutputStream out;
    private boolean closed;

    PipeWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public int recvInto(byte[] b, int off, int len) throws IOException {
        throw new IOException("this pipe is for writing only");
    }

    @Override
    public void sendAll(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the child's stdin is closed");
        }
        Curio.runInThread(() -> {
            out.write(b, off, len);
            out.flush();
            return null;
        });
    }

    /** Closes the pipe: the child reads end of file. */
    @Override
    public void shutdownOutput() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        curio.api.trap.Traps.requireTask("ProcessStream.close()"); // a refused close changes nothing
        if (!closed) {
            closed = true;
            Curio.runInThread(() -> {
                out.close();
                return null;
            });
        }
    }
}
