package curio.it.examples;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import curio.file.AsyncFile;
import curio.net.Net;
import curio.net.SocketStream;
import curio.sync.Held;
import curio.sync.Lock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A key-value store that keeps its promises across power cuts: every update is appended to a log and
 * synced before it is acknowledged, the log is compacted through a temporary file and an atomic rename
 * (with the directory synced, so the new name survives), and a restart replays the log, stopping at the
 * first record a power cut tore. Served over TCP, one line per request:
 * <pre>
 * SET key value   ->  OK
 * GET key         ->  VALUE value   or   NONE
 * </pre>
 * Written to be tested under simulation ({@code KvStoreTest}: crashes and restarts at random points, no
 * acknowledged write ever lost), and with two classic bugs that can be switched on to show that the
 * simulation finds them: acknowledging before the sync, and renaming without syncing the directory.
 * Keys and values are words (no spaces); a record on disk is {@code crc32 key value\n}.
 */
public final class KvStore {

    /** The mistakes a store can make, planted on purpose to show a simulation finds them. */
    public enum Bug {
        /** None: the store as it should be. */
        NONE,
        /** Replies OK before its record is synced. */
        ACK_BEFORE_SYNC,
        /** Compacts with a rename but never syncs the directory, so the new name may not survive. */
        RENAME_WITHOUT_DIRECTORY_SYNC
    }

    /** How many updates the log takes before it is compacted. */
    static final int COMPACT_EVERY = 16;

    private final Path dir;
    private final Path log;
    private final Path tmp;
    private final Bug bug;
    private final Map<String, String> entries = new LinkedHashMap<>();
    private final Lock writing = new Lock();
    private AsyncFile out;         // the log, open for appending
    private int sinceCompaction;

    private KvStore(Path dir, Bug bug) {
        this.dir = dir;
        this.log = dir.resolve("log");
        this.tmp = dir.resolve("log.tmp");
        this.bug = bug;
    }

    /**
     * Recovers the store in {@code dir} and serves it on {@code port} until cancelled. Must be called from a task.
     *
     * @param dir the store's directory (absolute on a simulated host)
     * @param port the TCP port
     * @param bug the mistake to make, or {@link Bug#NONE}
     * @throws IOException if the disk or the network fails
     */
    public static void serve(Path dir, int port, Bug bug) throws IOException {
        KvStore store = new KvStore(dir, bug);
        store.recover();
        Net.tcpServer("", port, (client, from) -> store.session(client.asStream()));
    }

    /** One client: requests in order, each answered after it is durable. */
    private void session(SocketStream s) throws IOException {
        for (byte[] line = s.readLine(); line.length > 0; line = s.readLine()) {
            String[] words = new String(line, StandardCharsets.UTF_8).strip().split(" ");
            if (words[0].equals("SET") && words.length == 3) {
                set(words[1], words[2], s);
            } else if (words[0].equals("GET") && words.length == 2) {
                String v = entries.get(words[1]);
                s.write((v == null ? "NONE\n" : "VALUE " + v + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                s.write("ERROR expected SET key value or GET key\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void set(String key, String value, SocketStream s) throws IOException {
        try (Held held = writing.hold()) { // one update at a time: appends, syncs and compactions do not interleave
            update(key, value, s);
        }
    }

    private void update(String key, String value, SocketStream s) throws IOException {
        out.write(record(key, value));
        if (bug == Bug.ACK_BEFORE_SYNC) {
            s.write("OK\n".getBytes(StandardCharsets.UTF_8));
            out.sync();
        } else {
            out.sync();
            s.write("OK\n".getBytes(StandardCharsets.UTF_8));
        }
        entries.put(key, value);
        if (++sinceCompaction >= COMPACT_EVERY) {
            compact();
        }
    }

    /**
     * Replays the log into memory, stopping at the first record that is not whole (a power cut tore it), cuts
     * the log there and makes that durable, so that what is appended next follows a valid record.
     */
    private void recover() throws IOException {
        try {
            AsyncFile.delete(tmp); // a compaction the last power cut interrupted
        } catch (NoSuchFileException none) {
            // the usual case
        }
        long valid = 0;
        try (AsyncFile in = AsyncFile.open(log)) {
            for (byte[] line = in.readLine(); line.length > 0; line = in.readLine()) {
                String[] parts = parse(line);
                if (parts == null) {
                    break; // torn or partial: nothing after it was acknowledged durably in order
                }
                entries.put(parts[0], parts[1]);
                valid += line.length;
            }
        } catch (NoSuchFileException fresh) {
            // a new store
        }
        out = AsyncFile.open(log, CREATE, WRITE);
        out.truncate(valid);
        out.seek(valid);
        out.sync();
        AsyncFile.syncDirectory(dir); // the log's name, new or not, is durable before the first OK
    }

    /** Writes every entry to a temporary file, syncs it, and renames it over the log. */
    private void compact() throws IOException {
        try (AsyncFile t = AsyncFile.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                t.write(record(e.getKey(), e.getValue()));
            }
            t.sync();
        }
        AsyncFile.rename(tmp, log);
        if (bug != Bug.RENAME_WITHOUT_DIRECTORY_SYNC) {
            AsyncFile.syncDirectory(dir);
        }
        out.close();
        out = AsyncFile.open(log, WRITE, APPEND);
        sinceCompaction = 0;
    }

    private static byte[] record(String key, String value) {
        String body = key + " " + value;
        return (crc(body) + " " + body + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The key and value of a whole record, or null for one that is torn, partial or corrupt. */
    private static String[] parse(byte[] line) {
        if (line[line.length - 1] != '\n') {
            return null;
        }
        String[] parts = new String(line, 0, line.length - 1, StandardCharsets.UTF_8).split(" ", 2);
        if (parts.length != 2 || !parts[0].equals(crc(parts[1]))) {
            return null;
        }
        String[] kv = parts[1].split(" ");
        return kv.length == 2 ? kv : null;
    }

    private static String crc(String body) {
        CRC32 c = new CRC32();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(c.getValue());
    }
}
