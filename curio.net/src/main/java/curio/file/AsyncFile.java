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
        return new AsyncFile(new FileChannelIo(ch, path, Traps.kernel()));
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

    /**
     * Returns the position of the next read or write (Curio's {@code tell}); the same as {@link #position()}.
     *
     * @return the position, in bytes from the start
     * @throws IOException if the I/O fails
     */
    public long tell() throws IOException {
        return position();
    }

    /** Where {@link #seek(long, Whence)} counts from (Curio's {@code whence}: 0, 1, 2). */
    public enum Whence {
        /** From the start of the file. */
        START,
        /** From the current position. */
        CURRENT,
        /** From the end of the file. */
        END
    }

    /**
     * Moves the position to {@code position} bytes from the start; bytes read ahead are dropped.
     *
     * @param position the new position
     * @return the new position
     * @throws IOException if the I/O fails
     */
    public long seek(long position) throws IOException {
        return seek(position, Whence.START);
    }

    /**
     * Moves the position by {@code offset} from {@code whence} (Curio's {@code seek(offset, whence)});
     * bytes read ahead are dropped.
     *
     * @param offset how far to move, negative to move back
     * @param whence where to count from
     * @return the new position
     * @throws IllegalArgumentException if the new position would be negative
     * @throws IOException if the I/O fails
     */
    public long seek(long offset, Whence whence) throws IOException {
        java.util.Objects.requireNonNull(whence, "AsyncFile.seek(): whence");
        long logical = position(); // before dropping what was read ahead
        long moved = io.call("AsyncFile.seek()", () -> {
            long base = switch (whence) {
                case START -> 0;
                case CURRENT -> logical;
                case END -> io.channel.size();
            };
            long target = base + offset;
            if (target < 0) {
                throw new IllegalArgumentException("AsyncFile.seek(): position " + target + " is before the start of " + io.path);
            }
            io.channel.position(target);
            return target;
        });
        discardBuffered();
        return moved;
    }

    /**
     * Cuts the file to {@code size} bytes (a larger size leaves it alone, as {@link FileChannel#truncate}
     * does); bytes read ahead are dropped.
     *
     * @param size the new size
     * @throws IOException if the I/O fails
     */
    public void truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("AsyncFile.truncate(): size must not be negative, got " + size);
        }
        long logical = position();
        io.call("AsyncFile.truncate()", () -> {
            io.channel.truncate(size);
            io.channel.position(Math.min(logical, size));
            return null;
        });
        discardBuffered();
    }

    /** Flushes: writes are handed to the OS as they are made, so nothing waits here. */
    @Override
    public void flush() throws IOException {
        io.requireUsable("AsyncFile.flush()");
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
        private final curio.api.Kernel owner; // the kernel that opened it: only its tasks use it
        private boolean closed;

        FileChannelIo(FileChannel channel, Path path, curio.api.Kernel owner) {
            this.channel = channel;
            this.path = path;
            this.owner = owner;
        }

        @Override
        public boolean usableHere() {
            return Traps.inKernel(owner);
        }

        @Override
        public void requireUsable(String call) {
            Traps.requireKernel(call, owner, "AsyncFile[" + path + "]");
        }

        <T> T call(String name, curio.api.BlockingCallable<T, IOException> work) throws IOException {
            requireUsable(name);
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
            requireUsable("AsyncFile.close()"); // a refused close changes nothing
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
