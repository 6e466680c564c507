package curio.sim;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The disk of one simulated host, as Linux with ext4 in ordered mode keeps it, taken strictly
 * (design/SIM-DISK.md): two states, what readers see and what survives a power cut.
 *
 * <h2>Where the state lives, and what holds</h2>
 * <ul>
 * <li>What readers see (the page cache) is {@link #names} and each file's {@code data}/{@code size}: every
 *     write, truncate, create, rename and delete takes effect there at once, and survives a killed process.</li>
 * <li>What survives a power cut is {@link #durableNames} and each file's {@code durable}/{@code durableSize},
 *     plus what the seed keeps of the rest: each file's {@code pending} writes and truncates since its last
 *     sync (none, all, or a prefix in write order, the last kept possibly torn at a 4 KiB boundary), and a
 *     prefix, in program order, of {@link #pendingNames}.</li>
 * <li>{@code sync()} applies a file's pending operations to its durable image in order, so the durable image
 *     is always a state the page cache once had, restricted to synced writes. A failed sync drops its pending
 *     operations for good: the page cache keeps them, the disk never gets them (Linux, "fsyncgate").</li>
 * <li>Name operations form one journal, in program order, as ext4's does: {@code syncDirectory(dir)} commits
 *     the journal up to the last operation that touched {@code dir}, everything before it included, so what
 *     survives is always a prefix. A rename is one entry: after any crash the target is the old file or the
 *     new one, never missing, never a mix.</li>
 * <li>Directories are implicit: a file's directory exists while the file does.</li>
 * </ul>
 * Only the kernel thread of the simulation touches a disk.
 */
final class SimDisk {

    static final int BLOCK = 4096;
    private static final byte[] EMPTY = {};

    /** A file's contents in both states, and what separates them. */
    static final class Inode {
        final long id;
        byte[] data = EMPTY;       // what readers see; valid up to size
        int size;
        byte[] durable = EMPTY;    // what survives a power cut; valid up to durableSize
        int durableSize;
        final ArrayList<Op> pending = new ArrayList<>(); // writes and truncates since the last sync, in order

        Inode(long id) {
            this.id = id;
        }
    }

    /** A write ({@code bytes} at {@code offset}) or a truncate ({@code bytes} null, to {@code offset}). */
    record Op(long offset, byte[] bytes) {}

    /** One journal entry: a name bound ({@code inode} non-null) or removed, and for a rename its source. */
    record NameOp(Path from, Path to, Inode inode) {
        boolean touches(Path dir) {
            return (from != null && dir.equals(from.getParent())) || (to != null && dir.equals(to.getParent()));
        }
    }

    private final TreeMap<Path, Inode> names = new TreeMap<>();
    private final TreeMap<Path, Inode> durableNames = new TreeMap<>();
    private final ArrayList<NameOp> pendingNames = new ArrayList<>();
    private long nextInode = 1;
    private long used;            // the sizes of the files readers see: what capacity limits
    int generation;               // a handle opened before a crash or kill is stale

    // ------------------------------------------------------------------ names

    Inode lookup(Path path) {
        return names.get(path);
    }

    Inode create(Path path) {
        Inode inode = new Inode(nextInode++);
        names.put(path, inode);
        pendingNames.add(new NameOp(null, path, inode));
        return inode;
    }

    void rename(Path from, Path to) throws NoSuchFileException {
        Inode inode = names.get(from);
        if (inode == null) {
            throw new NoSuchFileException(from.toString());
        }
        if (from.equals(to)) {
            return;
        }
        Inode replaced = names.put(to, inode);
        names.remove(from);
        if (replaced != null) {
            used -= replaced.size;
        }
        pendingNames.add(new NameOp(from, to, inode));
    }

    void delete(Path path) throws NoSuchFileException {
        Inode inode = names.remove(path);
        if (inode == null) {
            throw new NoSuchFileException(path.toString());
        }
        used -= inode.size; // still readable through handles open on it, but no longer the disk's to count
        pendingNames.add(new NameOp(path, null, null));
    }

    /** Commits the journal up to the last entry touching {@code dir}; returns how many entries it made durable. */
    int syncDirectory(Path dir) {
        int last = -1;
        for (int i = pendingNames.size() - 1; i >= 0; i--) {
            if (pendingNames.get(i).touches(dir)) {
                last = i;
                break;
            }
        }
        for (int i = 0; i <= last; i++) {
            apply(durableNames, pendingNames.get(i));
        }
        pendingNames.subList(0, last + 1).clear();
        return last + 1;
    }

    List<Path> list(Path dir) {
        List<Path> in = new ArrayList<>();
        for (Path p : names.keySet()) {
            if (dir.equals(p.getParent())) {
                in.add(p);
            }
        }
        return in;
    }

    private static void apply(Map<Path, Inode> to, NameOp op) {
        if (op.from() != null) {
            to.remove(op.from());
        }
        if (op.to() != null) {
            to.put(op.to(), op.inode());
        }
    }

    // ------------------------------------------------------------------ contents

    /** Writes {@code b[off, off+len)} at {@code offset}; the caller checked capacity with {@link #growth}. */
    void write(Inode f, long offset, byte[] b, int off, int len) {
        int end = Math.toIntExact(offset + len);
        if (end > f.data.length) {
            f.data = Arrays.copyOf(f.data, Math.max(end, Math.min(Integer.MAX_VALUE - 8, f.data.length * 2)));
        }
        System.arraycopy(b, off, f.data, (int) offset, len);
        if (end > f.size) {
            used += end - f.size;
            f.size = end;
        }
        f.pending.add(new Op(offset, Arrays.copyOfRange(b, off, off + len)));
    }

    /** How many bytes writing {@code len} at {@code offset} adds to the disk. */
    static long growth(Inode f, long offset, int len) {
        return Math.max(0, offset + len - f.size);
    }

    long used() {
        return used;
    }

    void truncate(Inode f, long size) {
        if (size >= f.size) {
            return;
        }
        used -= f.size - size;
        Arrays.fill(f.data, (int) size, f.size, (byte) 0);
        f.size = (int) size;
        f.pending.add(new Op(size, null));
    }

    int read(Inode f, long position, byte[] b, int off, int len) {
        if (position >= f.size) {
            return -1;
        }
        int n = (int) Math.min(len, f.size - position);
        System.arraycopy(f.data, (int) position, b, off, n);
        return n;
    }

    /** fsync: the file's pending operations reach its durable image, in order. */
    void sync(Inode f) {
        for (Op op : f.pending) {
            applyDurably(f, op, op.bytes() == null ? 0 : op.bytes().length);
        }
        f.pending.clear();
    }

    /** A failed fsync: its pending operations never reach the disk (the page cache keeps them). */
    void syncFailed(Inode f) {
        f.pending.clear();
    }

    /** Applies the first {@code keep} bytes of {@code op} (all of a truncate) to the durable image. */
    private static void applyDurably(Inode f, Op op, int keep) {
        if (op.bytes() == null) {
            if (op.offset() < f.durableSize) {
                Arrays.fill(f.durable, (int) op.offset(), f.durableSize, (byte) 0);
                f.durableSize = (int) op.offset();
            }
            return;
        }
        int end = (int) op.offset() + keep;
        if (end > f.durable.length) {
            f.durable = Arrays.copyOf(f.durable, Math.max(end, f.durable.length * 2));
        }
        System.arraycopy(op.bytes(), 0, f.durable, (int) op.offset(), keep);
        f.durableSize = Math.max(f.durableSize, end);
    }

    // ------------------------------------------------------------------ crashes

    /**
     * A power cut: the disk becomes what survives. The seed keeps a prefix of the name journal and, for each
     * file then named, a prefix of its pending operations, the last kept torn at a 4 KiB boundary when
     * {@code torn} allows. Returns a digest of what survived, for the trace.
     */
    long powerCut(RandomGenerator random, boolean torn) {
        int keptNames = random.nextInt(pendingNames.size() + 1);
        for (int i = 0; i < keptNames; i++) {
            apply(durableNames, pendingNames.get(i));
        }
        pendingNames.clear();
        names.clear();
        names.putAll(durableNames);
        long digest = keptNames;
        used = 0;
        for (Map.Entry<Path, Inode> e : names.entrySet()) {
            Inode f = e.getValue();
            if (!f.pending.isEmpty()) {
                int kept = random.nextInt(f.pending.size() + 1);
                for (int i = 0; i < kept; i++) {
                    Op op = f.pending.get(i);
                    int len = op.bytes() == null ? 0 : op.bytes().length;
                    if (i == kept - 1 && torn && op.bytes() != null) {
                        len = tear(op, random);
                    }
                    applyDurably(f, op, len);
                }
                f.pending.clear();
                digest = digest * 31 + kept;
            }
            // readers now see the durable image
            f.data = Arrays.copyOf(f.durable, Math.max(f.durableSize, 0));
            f.size = f.durableSize;
            used += f.size;
            digest = digest * 31 + f.size;
        }
        generation++;
        return digest;
    }

    /**
     * How much of a write a power cut keeps when it tears it: its bytes up to a 4 KiB block boundary of the
     * file inside it, chosen by the seed, or all of it when it lies within one block.
     */
    private static int tear(Op op, RandomGenerator random) {
        long start = op.offset();
        long end = start + op.bytes().length;
        long firstBoundary = (start / BLOCK + 1) * BLOCK;
        if (firstBoundary >= end) {
            return op.bytes().length;
        }
        long boundaries = (end - 1 - firstBoundary) / BLOCK + 1;
        long at = firstBoundary + BLOCK * random.nextLong(boundaries + 1);
        return (int) (Math.min(at, end) - start);
    }

    /** The process died: the page cache survives, open handles do not. */
    void processDied() {
        generation++;
    }

    static IOException noSpace(Path path) {
        return new IOException(path + ": No space left on device (ENOSPC)");
    }

    static IOException ioError(Path path, String call) {
        return new IOException(path + ": " + call + ": Input/output error (EIO)");
    }

    static FileAlreadyExistsException exists(Path path) {
        return new FileAlreadyExistsException(path.toString());
    }
}
