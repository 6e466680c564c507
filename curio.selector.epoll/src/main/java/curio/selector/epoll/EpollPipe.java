package curio.selector.epoll;

import curio.api.spi.PipeHandle;
import curio.api.spi.SocketHandle;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;

/**
 * The reading end of a FIFO, non-blocking, polled like a socket: how a child process's output reaches
 * a task without a pump thread. A read goes from the OS straight into the caller's array (a critical
 * downcall): one copy, where a pump thread's way took three. Kernel thread only.
 */
final class EpollPipe extends PipeHandle implements EpollSelector.Polled {

    /** Asked of the OS for the pipe: a child writing fast wakes the reader once per this many bytes, not per 64 KiB. */
    private static final int PIPE_BYTES = 1 << 20;

    private final EpollSelector sel;
    private final int fd;
    private final String path;
    private boolean closed;

    private EpollPipe(EpollSelector sel, int fd, String path) {
        this.sel = sel;
        this.fd = fd;
        this.path = path;
    }

    /** Makes the FIFO and opens its reading end; on failure nothing is left open and the FIFO is removed. */
    static EpollPipe openFifo(EpollSelector sel, Path fifo) throws IOException {
        String path = fifo.toString();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocateFrom(path);
            if (LibC.MKFIFO.call(sel.capture, p, 0600) < 0) {
                throw new IOException(Errors.exception(LibC.errno(sel.capture), "mkfifo " + path).getMessage());
            }
            int fd = LibC.OPEN.call(sel.capture, p, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
            if (fd < 0) {
                IOException e = new IOException(Errors.exception(LibC.errno(sel.capture), "open " + path).getMessage());
                java.nio.file.Files.deleteIfExists(fifo);
                throw e;
            }
            // Best effort: beyond /proc/sys/fs/pipe-max-size or a user's pipe quota the OS refuses,
            // and the pipe keeps its default 64 KiB, which only costs more wake-ups.
            LibC.FCNTL.call(sel.capture, fd, LibC.F_SETPIPE_SZ, PIPE_BYTES);
            return new EpollPipe(sel, fd, path);
        }
    }

    EpollSelector selector() {
        return sel;
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new ClosedChannelException();
        }
        if (len == 0) {
            return 0;
        }
        MemorySegment into = MemorySegment.ofArray(b).asSlice(off, len);
        long n;
        while ((n = LibC.READ_HEAP.call(sel.capture, fd, into, len)) < 0) {
            if (!Errors.retry(LibC.errno(sel.capture), "read", this)) {
                return SocketHandle.WOULD_BLOCK;
            }
        }
        return n == 0 ? SocketHandle.EOF : (int) n; // EOF: every writer closed it, and it is drained
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        sel.closeHandle(this);
    }

    @Override
    public String toString() {
        return "epoll fifo " + path + " fd " + fd + (closed ? " (closed)" : "");
    }
}
