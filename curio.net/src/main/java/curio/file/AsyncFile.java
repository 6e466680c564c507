package curio.file;

import curio.api.spi.Disk;
import curio.api.trap.Traps;
import curio.net.AsyncStream;
import curio.net.ByteChannelLike;
import java.io.IOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A file for curio tasks (Curio's {@code aopen}). It has the whole {@link AsyncStream} API (read,
 * readExactly, readLine, lines, readAll, write, writeLines) plus positions, truncation and sync, and the
 * task suspends while the disk works: on the machine's file system each call runs in the kernel's worker
 * threads; on a simulated host ({@code curio.sim}) the file is on that host's simulated disk, which waits in
 * simulated time and loses, in a power cut, what was not made durable.
 * <pre>{@code
 * try (AsyncFile log = AsyncFile.open(path, CREATE, WRITE, APPEND)) {
 *     log.write(record);
 *     log.sync();                                   // durable before it is acknowledged
 * }
 * AsyncFile.rename(tmp, path);                      // atomic replace
 * AsyncFile.syncDirectory(path.getParent());        // ... and the new name durable too
 * }</pre>
 * Durability is Linux's: a write is seen by every reader at once, {@link #sync()} makes this file's bytes
 * and size durable, and a name created, renamed or deleted is durable once its directory is synced
 * ({@link #syncDirectory}). Every method must be called from a task; from a plain thread it throws
 * {@code IllegalStateException} naming the call.
 */
public final class AsyncFile extends AsyncStream {

    private final FileIo io;

    private AsyncFile(FileIo io) {
        super(io);
        this.io = io;
    }

    /**
     * Opens a file; with no options, for reading. A cancellation point. On a simulated host, the file is on
     * that host's disk, and the path must be absolute.
     *
     * @param path the file
     * @param options what {@link java.nio.channels.FileChannel#open} takes: READ, WRITE, APPEND, CREATE,
     *     CREATE_NEW, TRUNCATE_EXISTING
     * @return the open file, positioned at its start
     * @throws java.nio.file.NoSuchFileException if the file does not exist and may not be created
     * @throws IOException if the disk fails otherwise
     */
    public static AsyncFile open(Path path, OpenOption... options) throws IOException {
        Disk disk = disk("AsyncFile.open()");
        Objects.requireNonNull(path, "AsyncFile.open(): path must not be null");
        Set<OpenOption> opts = Set.of(options.clone()); // refuses a null or repeated option, naming it
        return new AsyncFile(new FileIo(disk.open(path, opts), path, Traps.kernel()));
    }

    /**
     * Renames {@code from} to {@code to}, atomically replacing a file already called {@code to} (rename(2)):
     * after a crash, {@code to} is the old file or the new one, never a mix. Durable once the directory is
     * synced.
     *
     * @param from the file's name now
     * @param to its new name
     * @throws java.nio.file.NoSuchFileException if {@code from} does not exist
     * @throws IOException if the disk fails otherwise
     */
    public static void rename(Path from, Path to) throws IOException {
        Disk disk = disk("AsyncFile.rename()");
        disk.rename(Objects.requireNonNull(from, "AsyncFile.rename(): from"), Objects.requireNonNull(to, "AsyncFile.rename(): to"));
    }

    /**
     * Deletes a file (unlink(2)). Durable once the directory is synced.
     *
     * @param path the file
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException if the disk fails otherwise
     */
    public static void delete(Path path) throws IOException {
        disk("AsyncFile.delete()").delete(Objects.requireNonNull(path, "AsyncFile.delete(): path"));
    }

    /**
     * Makes the names in {@code dir} durable (an fsync of the directory on Linux): a file created, renamed
     * or deleted there before this call survives a power cut as it is now.
     *
     * @param dir the directory
     * @throws IOException if the disk fails
     */
    public static void syncDirectory(Path dir) throws IOException {
        disk("AsyncFile.syncDirectory()").syncDirectory(Objects.requireNonNull(dir, "AsyncFile.syncDirectory(): dir"));
    }

    /**
     * Lists a directory.
     *
     * @param dir the directory
     * @return its entries, each {@code dir.resolve(name)}, in name order
     * @throws IOException if the disk fails
     */
    public static List<Path> list(Path dir) throws IOException {
        return disk("AsyncFile.list()").list(Objects.requireNonNull(dir, "AsyncFile.list(): dir"));
    }

    private static Disk disk(String call) {
        Traps.requireTask(call);
        return Traps.capability(call, Disk.class);
    }

    /**
     * Returns the path opened.
     *
     * @return the path given to {@link #open}
     */
    public Path path() {
        return io.path;
    }

    /**
     * Returns the file's size, as every reader on this machine sees it.
     *
     * @return the size in bytes
     * @throws IOException if the disk fails
     */
    public long size() throws IOException {
        return io.file("AsyncFile.size()").size();
    }

    /**
     * Returns the position of the next read or write, counting bytes buffered by readLine as unread.
     *
     * @return the position, in bytes from the start
     * @throws IOException if the file is closed
     */
    public long position() throws IOException {
        io.file("AsyncFile.position()");
        return io.position - buffered();
    }

    /**
     * Returns the position of the next read or write (Curio's {@code tell}); the same as {@link #position()}.
     *
     * @return the position, in bytes from the start
     * @throws IOException if the file is closed
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
     * @throws IOException if the disk fails
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
     * @throws IOException if the disk fails
     */
    public long seek(long offset, Whence whence) throws IOException {
        Objects.requireNonNull(whence, "AsyncFile.seek(): whence");
        long logical = position(); // before dropping what was read ahead
        long base = switch (whence) {
            case START -> 0;
            case CURRENT -> logical;
            case END -> size();
        };
        long target = base + offset;
        if (target < 0) {
            throw new IllegalArgumentException("AsyncFile.seek(): position " + target + " is before the start of " + io.path);
        }
        io.position = target;
        discardBuffered();
        return target;
    }

    /**
     * Cuts the file to {@code size} bytes (a larger size leaves it alone); bytes read ahead are dropped, and
     * a position past the new end moves to it.
     *
     * @param size the new size
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws IOException if the disk fails
     */
    public void truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("AsyncFile.truncate(): size must not be negative, got " + size);
        }
        long logical = position();
        io.file("AsyncFile.truncate()").truncate(size);
        io.position = Math.min(logical, Math.max(size, 0));
        discardBuffered();
    }

    /** Flushes: writes are handed to the disk as they are made, so nothing waits here. */
    @Override
    public void flush() throws IOException {
        io.requireUsable("AsyncFile.flush()");
        super.flush();
    }

    /**
     * Makes the file's bytes and size durable (fsync(2)). After a failed sync the data it covered is not
     * durable, and a later sync does not make it so (Linux drops the dirty pages).
     *
     * @throws IOException if the disk fails
     */
    public void sync() throws IOException {
        io.file("AsyncFile.sync()").sync();
    }

    /** The disk's open file as an async byte channel, with the position this side keeps. */
    private static final class FileIo implements ByteChannelLike {
        final Disk.OpenFile file;
        final Path path;
        private final curio.api.Kernel owner; // the kernel that opened it: only its tasks use it
        long position;                        // of the next read or write on the disk (reads ahead included)
        private boolean closed;

        FileIo(Disk.OpenFile file, Path path, curio.api.Kernel owner) {
            this.file = file;
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

        Disk.OpenFile file(String call) throws IOException {
            requireUsable(call);
            if (closed) {
                throw new IOException(call + ": " + path + " is closed");
            }
            return file;
        }

        @Override
        public int recvInto(byte[] b, int off, int len) throws IOException {
            int n = file("AsyncFile.read()").read(position, b, off, len);
            if (n <= 0) {
                return 0;
            }
            position += n;
            return n;
        }

        @Override
        public void sendAll(byte[] b, int off, int len) throws IOException {
            position = file("AsyncFile.write()").write(position, b, off, len); // APPEND: the new end, as FileChannel's
        }

        @Override
        public void shutdownOutput() {
            // a file has no sending side to end
        }

        @Override
        public void close() throws IOException {
            requireUsable("AsyncFile.close()"); // a refused close changes nothing
            if (!closed) {
                closed = true;
                file.close();
            }
        }
    }

    @Override
    public String toString() {
        return "AsyncFile[" + io.path + "]";
    }
}
