package curio.net;

import curio.api.AsyncThread;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A curio socket seen from blocking code, for a block (Curio's {@code sock.blocking()}): plain
 * {@link InputStream} and {@link OutputStream} views to hand to a library that only knows those. The
 * wall stays up: it works only in a thread started with {@code Curio.spawnThread}, where each read or
 * write is awaited on the kernel ({@link AsyncThread#await}); task code, which must not block, and
 * plain threads, which have no kernel, are refused.
 * <pre>{@code
 * Task<Document> parsed = Curio.spawnThread(() -> {
 *     try (BlockingSocket b = socket.blocking()) {
 *         return LegacyParser.parse(b.inputStream());   // blocking reads, the other tasks run on
 *     }
 * });
 * }</pre>
 * Closing the view ends the block; the socket itself stays open.
 */
public final class BlockingSocket implements AutoCloseable {

    private final Socket socket;
    private volatile boolean closed;
    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = AsyncThread.await(() -> socket.recvInto(one, 0, 1));
            return n == 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int n = AsyncThread.await(() -> socket.recvInto(b, off, len));
            return n == 0 ? -1 : n;
        }
    };
    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            byte[] one = {(byte) b};
            AsyncThread.await(() -> socket.sendAll(one, 0, 1));
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            AsyncThread.await(() -> socket.sendAll(b, off, len));
        }
    };

    BlockingSocket(Socket socket) {
        if (!AsyncThread.inAsyncThread()) {
            throw new IllegalStateException("Socket.blocking() is for blocking code in a thread started with "
                    + "Curio.spawnThread(...); in a task use the socket itself, which never blocks the kernel");
        }
        this.socket = socket;
    }

    /**
     * Returns the socket as a blocking input stream: {@code read} waits for bytes, -1 at end of stream.
     *
     * @return the stream
     */
    public InputStream inputStream() {
        ensureOpen();
        return in;
    }

    /**
     * Returns the socket as a blocking output stream: {@code write} returns once every byte is sent.
     *
     * @return the stream
     */
    public OutputStream outputStream() {
        ensureOpen();
        return out;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this blocking view of " + socket + " was closed");
        }
    }

    /** Ends the blocking block; the socket stays open for its tasks. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "BlockingSocket[" + socket + "]";
    }
}
