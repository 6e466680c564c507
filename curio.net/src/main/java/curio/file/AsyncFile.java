package curio.file;

import curio.api.Curio;
import curio.api.trap.Traps;
import curio.net.AsyncStream;
import curio.net.ByteChannelLike;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file for curio tasks (Curio's {@code aopen}): every operation runs in the kernel's worker threads,
 * so the task suspends while the disk works. It has the whole {@link AsyncStream} API (read,
 * readExactly, readLine, lines, readAll, write, writeLines) plus positions and sync.
 * <pre>{@code
 * try (AsyncFile f = AsyncFile.open(path)) {
 *     for (byte[] line : f.lines()) { ... }
 * }
 * }</pre>
 * Every method must be called from a task; from a plain thread it throws
 * {@code IllegalStateException} naming the call.
 */
public final class AsyncFile extends AsyncStream {

    private final FileChannelIo io;

    private AsyncFile(FileChannelIo io) {
        super(io);
        this.io = io;
    }

    /**
     * Opens a file in a worker thread; with no options, for reading. A cancellation point.
     *
     *
     * @param path the file
     * @param options the options
     * @return the open file
     * @throws java.nio.file.NoSuchFileException and the other errors of {@link FileChannel#open}
     */
    public static AsyncFile open(Path path, OpenOption... options) throws IOException {
        Traps.requireTask("AsyncFile.open()");
        Objects.requireNonNull(path, "AsyncFile.open(): path must not be null");
        OpenOption[] opts = options.clone();
        FileChannel ch = Curio.runInThread(() -> FileChannel.open(path, opts));
        return new AsyncFile(new FileChannelIo(ch, path));
    }

    /**
     * Returns the path opened.
     *
     * @return the path opened
     */
    public Path path() {
        return io.path;
    }

    /**
     * Returns the file's size.
     *
     * @return the file's size
     * @throws IOException if the I/O fails
     */
    public long size() throws IOException {
        return io.call("AsyncFile.size()", io.channel::size);
    }

    /**
     * Returns the position of the next read or write, counting bytes buffered by readLine as unread.
     *
     * @return the position of the next read or write, counting bytes buffered by readLine as unread
     * @throws IOException if the I/O fails
     */
    public long position() throws IOException {
        return io.call("AsyncFile.position()", io.channel::position) - buffered();
    }

    /** Flushes: writes are handed to the OS as they are made, so nothing waits here. */
    @Override
    public void flush() throws IOException {
        Traps.requireTask("AsyncFile.flush()");
        super.flush();
    }

    /**
     * Forces written data to the storage device ({@link FileChannel#force}).
     *
     * @throws IOException if the I/O fails
     */
    public void sync() throws IOException {
        io.call("AsyncFile.sync()", () -> {
            io.channel.force(true);
            return null;
        });
    }

    /** The file channel as an async byte channel: each call runs in a worker thread. */
    private static final class FileChannelIo implements ByteChannelLike {
        final FileChannel channel;
        final Path path;
        private boolean closed;

        FileChannelIo(FileChannel channel, Path path) {
            this.channel = channel;
            this.path = path;
        }

        <T> T call(String name, java.util.concurrent.Callable<T> work) throws IOException {
            Traps.requireTask(name);
            if (closed) {
                throw new IOException(name + ": " + path + " is closed");
            }
            return Curio.runInThread(work);
        }

        @Override
        public int recvInto(byte[] b, int off, int len) throws IOException {
            int n = call("AsyncFile.read()", () -> channel.read(ByteBuffer.wrap(b, off, len)));
            return Math.max(n, 0);
        }

        @Override
        public void sendAll(byte[] b, int off, int len) throws IOException {
            call("AsyncFile.write()", () -> {
                ByteBuffer src = ByteBuffer.wrap(b, off, len);
                while (src.hasRemaining()) {
                    channel.write(src);
                }
                return null;
            });
        }

        @Override
        public void shutdownOutput() {
            // a file has no sending side to end
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                call("AsyncFile.close()", () -> {
                    channel.close();
                    return null;
                });
                closed = true;
            }
        }
    }

    @Override
    public String toString() {
        return "AsyncFile[" + io.path + "]";
    }
}
