package curio.api.spi;

import java.io.IOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A capability: the files a task opens ({@code curio.file.AsyncFile}). Every method is called from a task
 * and may suspend it while the disk works.
 * <p>Real-world default, {@link #SYSTEM}: the machine's file system, each call on a worker thread. A
 * backend whose world has disks of its own (a simulated host's, which loses what was not synced when its
 * power is cut) offers its own. The promises are Linux's: a write is seen by every reader at once;
 * {@link OpenFile#sync()} makes a file's bytes and size durable; a name created, renamed or deleted is
 * durable once its directory is synced ({@link #syncDirectory}).
 * <pre>{@code
 * Disk disk = Traps.capability("AsyncFile.open()", Disk.class);
 * try (Disk.OpenFile f = disk.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE))) {
 *     long end = f.write(0, data, 0, data.length);
 *     f.sync();
 * }
 * }</pre>
 */
public interface Disk {

    /** The machine's file system, through {@link java.nio.channels.FileChannel} on worker threads. */
    Disk SYSTEM = new SystemDisk();

    /**
     * Opens a file; the options mean what they mean to {@link java.nio.channels.FileChannel#open}.
     *
     * @param path the file, absolute on a simulated disk
     * @param options READ, WRITE, APPEND, CREATE, CREATE_NEW, TRUNCATE_EXISTING; none means READ
     * @return the open file
     * @throws java.nio.file.NoSuchFileException if it does not exist and may not be created
     * @throws java.nio.file.FileAlreadyExistsException if CREATE_NEW finds it
     * @throws IOException if the disk fails otherwise
     */
    OpenFile open(Path path, Set<? extends OpenOption> options) throws IOException;

    /**
     * Renames {@code from} to {@code to}, atomically replacing a file already called {@code to} (rename(2)).
     *
     * @param from the file's name now
     * @param to its new name
     * @throws java.nio.file.NoSuchFileException if {@code from} does not exist
     * @throws IOException if the disk fails otherwise
     */
    void rename(Path from, Path to) throws IOException;

    /**
     * Deletes the file called {@code path} (unlink(2)); a file open elsewhere stays readable there.
     *
     * @param path the file
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException if the disk fails otherwise
     */
    void delete(Path path) throws IOException;

    /**
     * Makes the names in {@code dir} durable (an fsync of the directory): files created, renamed or deleted
     * there before this call survive a power cut.
     *
     * @param dir the directory
     * @throws IOException if the disk fails
     */
    void syncDirectory(Path dir) throws IOException;

    /**
     * Lists the names in {@code dir}, sorted.
     *
     * @param dir the directory
     * @return its entries, each as {@code dir.resolve(name)}, in name order
     * @throws IOException if the disk fails
     */
    List<Path> list(Path dir) throws IOException;

    /** An open file: positional reads and writes, so its user keeps its own position. */
    interface OpenFile extends AutoCloseable {

        /**
         * Reads up to {@code len} bytes at {@code position}.
         *
         * @param position where to read, in bytes from the start
         * @param b where the bytes go
         * @param off where in {@code b}
         * @param len the most bytes to read
         * @return the bytes read, or -1 at or past the end of the file
         * @throws IOException if the disk fails
         */
        int read(long position, byte[] b, int off, int len) throws IOException;

        /**
         * Writes all of {@code b[off, off+len)} at {@code position} (at the end, whatever the position, for a
         * file opened with APPEND), growing the file as needed.
         *
         * @param position where to write, in bytes from the start
         * @param b the bytes
         * @param off where they start in {@code b}
         * @param len how many bytes to write
         * @return the position just past the bytes written (for APPEND, the file's new end)
         * @throws IOException if the disk fails (a full disk: "No space left on device")
         */
        long write(long position, byte[] b, int off, int len) throws IOException;

        /**
         * Returns the file's size, as every reader on the machine sees it.
         *
         * @return the size in bytes
         * @throws IOException if the disk fails
         */
        long size() throws IOException;

        /**
         * Cuts the file to {@code size} bytes; a larger size leaves it alone.
         *
         * @param size the new size, not negative
         * @throws IOException if the disk fails
         */
        void truncate(long size) throws IOException;

        /**
         * Makes the file's bytes and size durable (fsync(2)); after a failed sync the data it covered is not.
         *
         * @throws IOException if the disk fails
         */
        void sync() throws IOException;

        /**
         * Closes the file; what was written stays written, durable or not.
         *
         * @throws IOException if the disk fails
         */
        @Override
        void close() throws IOException;
    }
}
