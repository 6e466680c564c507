package curio.sim;

import curio.api.spi.Disk;
import curio.api.trap.Traps;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The {@link Disk} a simulated network offers its kernels: each call goes to the disk of the host the calling
 * task runs on ({@link SimDisk}), after the delay and with the faults that host's {@link DiskHardship} gives,
 * and leaves an event in the trace, so a run with files replays from its seed like one with sockets.
 */
final class SimFiles implements Disk {

    private final SimNetwork net;

    SimFiles(SimNetwork net) {
        this.net = net;
    }

    @Override
    public OpenFile open(Path path, Set<? extends OpenOption> options) throws IOException {
        SimHost host = net.currentHost();
        Path p = absolute(path, "AsyncFile.open()");
        for (OpenOption o : options) {
            if (!(o instanceof StandardOpenOption so) || !SUPPORTED.contains(so)) {
                throw new UnsupportedOperationException("AsyncFile.open(): " + o + " is not simulated (the simulated"
                        + " disk knows READ, WRITE, APPEND, CREATE, CREATE_NEW, TRUNCATE_EXISTING)");
            }
        }
        boolean append = options.contains(StandardOpenOption.APPEND);
        boolean write = append || options.contains(StandardOpenOption.WRITE);
        if (append && options.contains(StandardOpenOption.READ)) {
            throw new IllegalArgumentException("READ + APPEND not allowed"); // as FileChannel.open says
        }
        if (append && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
        }
        pause(host, false);
        SimDisk disk = host.disk();
        SimDisk.Inode f = disk.lookup(p);
        if (f != null && write && options.contains(StandardOpenOption.CREATE_NEW)) {
            throw SimDisk.exists(p);
        }
        if (f == null) {
            boolean create = write && (options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW));
            if (!create) {
                throw new NoSuchFileException(p.toString());
            }
            f = disk.create(p);
            net.trace.record(Trace.DISK_NAME, host.index, mixPath(1, p));
        } else if (write && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            disk.truncate(f, 0);
        }
        return new Handle(host, disk, f, p, disk.generation, write, append);
    }

    private static final Set<StandardOpenOption> SUPPORTED = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.TRUNCATE_EXISTING);

    @Override
    public void rename(Path from, Path to) throws IOException {
        SimHost host = net.currentHost();
        Path a = absolute(from, "AsyncFile.rename()");
        Path b = absolute(to, "AsyncFile.rename()");
        pause(host, false);
        host.disk().rename(a, b);
        net.trace.record(Trace.DISK_NAME, host.index, mixPath(mixPath(2, a), b));
    }

    @Override
    public void delete(Path path) throws IOException {
        SimHost host = net.currentHost();
        Path p = absolute(path, "AsyncFile.delete()");
        pause(host, false);
        host.disk().delete(p);
        net.trace.record(Trace.DISK_NAME, host.index, mixPath(3, p));
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        SimHost host = net.currentHost();
        Path d = absolute(dir, "AsyncFile.syncDirectory()");
        pause(host, true);
        if (fails(host)) {
            net.trace.record(Trace.DISK_ERROR, host.index, 2);
            throw SimDisk.ioError(d, "syncDirectory");
        }
        int committed = host.disk().syncDirectory(d);
        net.trace.record(Trace.DISK_SYNC, host.index, committed);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        SimHost host = net.currentHost();
        Path d = absolute(dir, "AsyncFile.list()");
        pause(host, false);
        return host.disk().list(d);
    }

    /** Waits the operation's simulated time on {@code host}'s disk: none on an ideal disk. */
    private void pause(SimHost host, boolean sync) {
        DiskHardship h = host.diskHardship();
        long nanos = (sync ? h.syncLatency() : h.latency()).toNanos();
        long jitter = h.jitter().toNanos();
        if (jitter > 0) {
            nanos += net.diskRandom().nextLong(jitter + 1);
        }
        if (nanos > 0) {
            Traps.sleep("AsyncFile", nanos);
        }
    }

    private boolean fails(SimHost host) {
        double chance = host.diskHardship().errors();
        return chance > 0 && net.diskRandom().nextDouble() < chance;
    }

    private static Path absolute(Path p, String call) {
        java.util.Objects.requireNonNull(p, call + ": path must not be null");
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(call + ": a simulated disk takes absolute paths, got " + p);
        }
        return p.normalize();
    }

    private static long mixPath(long h, Path p) {
        return h * 0x100000001b3L ^ p.toString().hashCode();
    }

    /** A file open on a simulated disk; stale once its host crashed or was killed. */
    private final class Handle implements OpenFile {
        private final SimHost host;
        private final SimDisk disk;
        private final SimDisk.Inode inode;
        private final Path path;
        private final int generation;
        private final boolean writable;
        private final boolean append;
        private boolean closed;

        Handle(SimHost host, SimDisk disk, SimDisk.Inode inode, Path path, int generation, boolean writable, boolean append) {
            this.host = host;
            this.disk = disk;
            this.inode = inode;
            this.path = path;
            this.generation = generation;
            this.writable = writable;
            this.append = append;
        }

        private void usable(String call) throws IOException {
            if (closed) {
                throw new IOException(call + ": " + path + " is closed");
            }
            if (generation != disk.generation) {
                throw new IOException(call + ": " + path + " was opened by a process of host " + host.name()
                        + " that has since died (the host crashed or was killed)");
            }
        }

        @Override
        public int read(long position, byte[] b, int off, int len) throws IOException {
            usable("AsyncFile.read()");
            pause(host, false);
            usable("AsyncFile.read()");
            return disk.read(inode, position, b, off, len);
        }

        @Override
        public long write(long position, byte[] b, int off, int len) throws IOException {
            usable("AsyncFile.write()");
            if (!writable) {
                throw new java.nio.channels.NonWritableChannelException();
            }
            pause(host, false);
            usable("AsyncFile.write()");
            long at = append ? inode.size : position;
            long capacity = host.diskHardship().capacity();
            if (capacity > 0 && disk.used() + SimDisk.growth(inode, at, len) > capacity) {
                net.trace.record(Trace.DISK_ERROR, host.index, 3);
                throw SimDisk.noSpace(path);
            }
            if (fails(host)) {
                net.trace.record(Trace.DISK_ERROR, host.index, 1);
                throw SimDisk.ioError(path, "write");
            }
            disk.write(inode, at, b, off, len);
            net.trace.recordDiskWrite(host.index, inode.id, at, b, off, len);
            return at + len;
        }

        @Override
        public long size() throws IOException {
            usable("AsyncFile.size()");
            return inode.size;
        }

        @Override
        public void truncate(long size) throws IOException {
            usable("AsyncFile.truncate()");
            if (!writable) {
                throw new java.nio.channels.NonWritableChannelException();
            }
            pause(host, false);
            usable("AsyncFile.truncate()");
            disk.truncate(inode, size);
            net.trace.record(Trace.DISK_WRITE, host.index, ~size);
        }

        @Override
        public void sync() throws IOException {
            usable("AsyncFile.sync()");
            pause(host, true);
            usable("AsyncFile.sync()");
            if (fails(host)) {
                disk.syncFailed(inode);
                net.trace.record(Trace.DISK_ERROR, host.index, 2);
                throw SimDisk.ioError(path, "sync");
            }
            disk.sync(inode);
            net.trace.record(Trace.DISK_SYNC, host.index, inode.id);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The disk randomness of a run; kept apart from the network's, so adding a file does not move the packets. */
    static RandomGenerator stream(long seed) {
        return new java.util.SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    }
}
