package curio.process;

import curio.api.spi.PipeHandle;
import curio.api.spi.SocketHandle;
import curio.api.trap.BlockingTrap;
import curio.api.trap.Traps;
import java.io.IOException;
import java.util.Arrays;

/**
 * A child's output read straight from the kernel's selector: the child writes into a FIFO whose reading
 * end is a selector handle, so a task waits for it as for a socket, with no thread in between (where
 * the selector cannot poll a pipe, {@link PipeReader} pumps it instead). Kernel side only.
 */
final class FifoReader implements ReadingEnd {

    private static final int CHUNK = 65536;

    private final PipeHandle pipe;
    private final BlockingTrap.ReadWait readable;
    private boolean closed;

    FifoReader(PipeHandle pipe) {
        this.pipe = pipe;
        this.readable = new BlockingTrap.ReadWait(pipe);
    }

    @Override
    public int recvInto(byte[] b, int off, int len) throws IOException {
        while (true) {
            int n = pipe.read(b, off, len);
            if (n == SocketHandle.EOF) {
                return 0;
            }
            if (n != SocketHandle.WOULD_BLOCK) {
                return n;
            }
            Traps.readWait(readable);
        }
    }

    /**
     * Reads straight into the array it returns: a child writing fast keeps the pipe full, so the read
     * usually fills it and no second copy is made; a short read is trimmed.
     */
    @Override
    public byte[] recv(int maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("recv(): maxBytes must not be negative, got " + maxBytes);
        }
        byte[] into = new byte[Math.min(maxBytes, CHUNK)];
        int n = recvInto(into, 0, into.length);
        return n == into.length ? into : Arrays.copyOf(into, n);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Traps.ioRelease(pipe); // a task waiting on it fails instead of waiting forever
        pipe.close();
    }
}
