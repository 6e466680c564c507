package curio.sim;

/**
 * The trace of a simulated run: a hash of every event (what, which socket, host or task, the bytes delivered,
 * when), and, when a run is checked for determinism, the events themselves ({@link EventLog}). Two runs with
 * the same seed give the same hash; the first event where two runs part names what leaked in.
 * <p>Kernel thread only.
 */
final class Trace {

    // trace record kinds: part of the hash, so never renumber
    static final int CONNECT = 1, REFUSED = 2, ESTABLISHED = 3, ACCEPT = 4, SEGMENT = 5, FIN = 6, RESET = 7,
            READ = 8, WRITE = 9, DATAGRAM = 10, DROP = 11, RECEIVE = 12, CLOSE = 13, CRASH = 14, RESTART = 15,
            PARTITION = 16, REPAIR = 17, HOLD = 18, RELEASE = 19, RUN = 20, SUSPEND = 21, GAVE_UP = 22, KILL = 23,
            DISK_NAME = 24, DISK_WRITE = 25, DISK_SYNC = 26, DISK_ERROR = 27, DISK_CUT = 28;
    private static final String[] KIND_NAMES = {"?", "CONNECT (socket)", "REFUSED (socket)",
            "ESTABLISHED (client socket, server socket)", "ACCEPT", "SEGMENT (socket, bytes digest)", "FIN (socket)",
            "RESET (socket)", "READ", "WRITE", "DATAGRAM (socket, bytes digest)", "DROP (socket, bytes)", "RECEIVE",
            "CLOSE", "CRASH (host)", "RESTART (host)", "PARTITION (host, host)", "REPAIR (host, host)",
            "HOLD (host, host)", "RELEASE (host, host)", "RUN (task)", "SUSPEND (task, trap)", "GAVE_UP (socket)",
            "KILL (host)", "DISK_NAME (host, name digest)", "DISK_WRITE (host, bytes digest)", "DISK_SYNC (host, file)",
            "DISK_ERROR (host, 1 write 2 sync 3 full)", "DISK_CUT (host, what survived)"};

    /** A record kind's name, with what its two numbers are. */
    static String kindName(int kind) {
        return kind > 0 && kind < KIND_NAMES.length ? KIND_NAMES[kind] : "kind " + kind;
    }

    private final SimNetwork net;
    private long hash = 0xcbf29ce484222325L;
    private long recorded;

    Trace(SimNetwork net) {
        this.net = net;
    }

    long hash() {
        return hash;
    }

    long length() {
        return recorded;
    }

    void record(int kind, long a, long b) {
        long now = net.clock();
        hash = mix(mix(mix(mix(hash, kind), a), b), now);
        recorded++;
        if (log != null) {
            log.add(kind, a, b, now);
        }
    }

    private EventLog log; // every event in order, when this run is checked for determinism; else null

    /** Keeps every event from now on in {@code events} (the determinism check). */
    void log(EventLog events) {
        this.log = events;
    }

    /** Whether events are being kept, so that a caller computes what only the log needs only then. */
    boolean logging() {
        return log != null;
    }

    /** Notes for the log that the events from now on happen in task {@code task} on host {@code host}. */
    void running(int task, int host) {
        log.running(task, host);
    }

    /**
     * Records bytes delivered: their count and their content, so that a run whose payloads differ (random bytes
     * of the same sizes, say) has another hash. Eight bytes per step: a fraction of the copy that delivered them.
     */
    void recordBytes(int kind, long id, byte[] data) {
        long h = data.length;
        int i = 0;
        for (; i + 8 <= data.length; i += 8) {
            h = mix(h, (long) LONGS.get(data, i));
        }
        for (; i < data.length; i++) {
            h = mix(h, data[i]);
        }
        record(kind, id, h);
    }

    /** Records a disk write: where, and the bytes' content, as {@link #recordBytes} does for a network's. */
    void recordDiskWrite(int host, long inode, long at, byte[] b, int off, int len) {
        long h = mix(mix(inode, at), len);
        int i = off;
        for (; i + 8 <= off + len; i += 8) {
            h = mix(h, (long) LONGS.get(b, i));
        }
        for (; i < off + len; i++) {
            h = mix(h, b[i]);
        }
        record(DISK_WRITE, host, h);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }
}
