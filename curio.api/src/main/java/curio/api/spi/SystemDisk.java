package curio.api.spi;

import curio.api.Curio;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@link Disk#SYSTEM}: the machine's file system, each call on a worker thread, since each may block. */
final class SystemDisk implements Disk {

    @Override
    public OpenFile open(Path path, Set<? extends OpenOption> options) throws IOException {
        Set<? extends OpenOption> opts = options.isEmpty() ? Set.of(StandardOpenOption.READ) : Set.copyOf(options);
        FileChannel channel = Curio.runInThread(() -> FileChannel.open(path, opts));
        return new Channel(channel, opts.contains(StandardOpenOption.APPEND));
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Curio.runInThread(() -> {
            try {
                return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("rename " + from + " to " + to + " cannot be atomic (another file system?)", e);
            }
        });
    }

    @Override
    public void delete(Path path) throws IOException {
        Curio.runInThread(() -> {
            Files.delete(path);
            return null;
        });
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        Curio.runInThread(() -> {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // fsync(2) of the directory's descriptor: what Linux makes names durable with
            }
            return null;
        });
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return Curio.runInThread(() -> {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.sorted().toList();
            }
        });
    }

    /** A file channel whose every call runs on a worker thread. */
    private record Channel(FileChannel channel, boolean append) implements OpenFile {

        @Override
        public int read(long position, byte[] b, int off, int len) throws IOException {
            return Curio.runInThread(() -> channel.read(ByteBuffer.wrap(b, off, len), position));
        }

        @Override
        public long write(long position, byte[] b, int off, int len) throws IOException {
            return Curio.runInThread(() -> {
                ByteBuffer src = ByteBuffer.wrap(b, off, len);
                long at = position;
                while (src.hasRemaining()) {
                    at += append ? channel.write(src) : channel.write(src, at);
                }
                return append ? channel.position() : at;
            });
        }

        @Override
        public long size() throws IOException {
            return Curio.runInThread(channel::size);
        }

        @Override
        public void truncate(long size) throws IOException {
            Curio.runInThread(() -> channel.truncate(size));
        }

        @Override
        public void sync() throws IOException {
            Curio.runInThread(() -> {
                channel.force(true);
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            Curio.runInThread(() -> {
                channel.close();
                return null;
            });
        }
    }
}
