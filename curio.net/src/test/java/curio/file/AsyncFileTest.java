package curio.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.test.EachBackend;
import curio.test.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CURIO-SPEC 9.7: async files. */
class AsyncFileTest {

    @TempDir
    Path dir;

    @EachBackend
    void writeThenReadLines(String carrier) throws IOException {
        Path file = dir.resolve("lines-" + carrier.replace('/', '-') + ".txt");
        Kernels.run(carrier, () -> {
            try (AsyncFile f = AsyncFile.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                f.writeLines(List.of("one\n".getBytes(), "two\n".getBytes(), "three".getBytes()));
                f.flush();
                f.sync();
                assertEquals(13, f.size());
            }
            List<String> lines = new ArrayList<>();
            try (AsyncFile f = AsyncFile.open(file)) {
                assertEquals("one\n", new String(f.readLine(), StandardCharsets.US_ASCII));
                assertEquals(4, f.position());
                for (byte[] line : f.lines()) {
                    lines.add(new String(line, StandardCharsets.US_ASCII));
                }
            }
            assertEquals(List.of("two\n", "three"), lines);
            try (AsyncFile f = AsyncFile.open(file)) {
                assertEquals("one\ntwo\nthree", new String(f.readAll(), StandardCharsets.US_ASCII));
            }
            assertThrows(NoSuchFileException.class, () -> AsyncFile.open(dir.resolve("missing")));
            AsyncFile closed = AsyncFile.open(file);
            closed.close();
            closed.close();
            IOException e = assertThrows(IOException.class, () -> closed.read(1));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        });
        assertEquals("one\ntwo\nthree", Files.readString(file));
    }

    /** Issue 27 item 2: the name calls, on the machine's disk, on the worker threads. */
    @EachBackend
    void renameDeleteSyncDirectoryAndListOnARealDisk(String backend) throws IOException {
        Path sub = Files.createDirectory(dir.resolve("names-" + backend.replace('/', '-')));
        Kernels.run(backend, () -> {
            Path log = sub.resolve("log");
            Path tmp = sub.resolve("log.tmp");
            try (AsyncFile f = AsyncFile.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                f.write("old\n".getBytes());
            }
            try (AsyncFile f = AsyncFile.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                f.write("new\n".getBytes());
                f.sync();
            }
            assertEquals(List.of(log, tmp), AsyncFile.list(sub));
            AsyncFile.rename(tmp, log); // replaces the old file
            AsyncFile.syncDirectory(sub);
            assertEquals(List.of(log), AsyncFile.list(sub));
            try (AsyncFile f = AsyncFile.open(log)) {
                assertEquals("new\n", new String(f.readAll(), StandardCharsets.US_ASCII));
            }
            try (AsyncFile f = AsyncFile.open(log, StandardOpenOption.APPEND)) {
                f.write("more\n".getBytes());
                assertEquals(9, f.position(), "an append leaves the position at the end");
            }
            assertThrows(NoSuchFileException.class, () -> AsyncFile.rename(tmp, log));
            AsyncFile.delete(log);
            assertThrows(NoSuchFileException.class, () -> AsyncFile.delete(log));
            assertEquals(List.of(), AsyncFile.list(sub));
        });
    }

    @Test
    void theNameCallsRefuseAPlainThreadNamingTheCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AsyncFile.rename(dir, dir));
        assertTrue(e.getMessage().startsWith("AsyncFile.rename() called outside a task"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> AsyncFile.list(dir));
        assertTrue(e.getMessage().startsWith("AsyncFile.list() called outside a task"), e.getMessage());
    }

    /** Issue 13 item 13: Curio's seek, tell and truncate. */
    @EachBackend
    void seekTellAndTruncate(String backend) throws IOException {
        Path file = dir.resolve("seek-" + backend.replaceAll("[^a-z]", "-") + ".txt");
        Files.writeString(file, "alpha\nbeta\ngamma\n");
        Kernels.run(backend, () -> {
            try (AsyncFile f = AsyncFile.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                assertEquals("alpha\n", new String(f.readLine(), StandardCharsets.US_ASCII)); // reads ahead
                assertEquals(6, f.tell());
                assertEquals(11, f.seek(0, AsyncFile.Whence.END) - 6);
                assertEquals(0, f.read(10).length, "at the end");
                assertEquals(6, f.seek(6));
                assertEquals("beta\n", new String(f.readLine(), StandardCharsets.US_ASCII), "read-ahead was dropped");
                assertEquals(13, f.seek(2, AsyncFile.Whence.CURRENT));
                assertEquals("mma\n", new String(f.readLine(), StandardCharsets.US_ASCII));
                assertThrows(IllegalArgumentException.class, () -> f.seek(-1));
                f.truncate(5);
                assertEquals(5, f.size());
                assertEquals(5, f.tell(), "a position past the new end moves back to it");
                f.seek(0);
                assertEquals("alpha", new String(f.readAll(), StandardCharsets.US_ASCII));
            }
        });
        assertEquals("alpha", Files.readString(file));
    }

    @Test
    void fromAPlainThreadItFailsNamingTheCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AsyncFile.open(dir.resolve("x")));
        assertTrue(e.getMessage().startsWith("AsyncFile.open() called outside a task"), e.getMessage());
    }
}
