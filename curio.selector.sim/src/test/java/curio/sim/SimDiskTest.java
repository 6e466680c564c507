package curio.sim;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.file.AsyncFile;
import curio.test.EachCarrier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Issue 27: a disk per simulated host, kept as Linux (ext4, ordered) keeps one, and cut as power is. */
class SimDiskTest {

    private static final Path DIR = Path.of("/data");
    private static final Path LOG = DIR.resolve("log");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Reads a file of host {@code h} whole, or null if it is not there. */
    private static String contents(SimHost h, Path p) throws Exception {
        String[] read = new String[1];
        h.spawn(() -> {
            try (AsyncFile f = AsyncFile.open(p)) {
                read[0] = text(f.readAll());
            } catch (NoSuchFileException e) {
                read[0] = null;
            }
        }).join();
        return read[0];
    }

    private static void check(Simulation.Outcome o) {
        o.rethrow();
    }

    @EachCarrier
    void everyAsyncFileCallWorksOnAHostsDiskAndAWriteIsSeenAtOnce(String carrier) {
        check(Simulation.run(1, Hardship.NONE, carrier, net -> {
            SimHost db = net.host("db");
            db.spawn(() -> {
                try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE, READ)) {
                    f.write(ascii("one\ntwo\n"));
                    try (AsyncFile reader = AsyncFile.open(LOG)) {
                        assertEquals("one\n", text(reader.readLine()), "a write is seen by every reader at once");
                        assertEquals(4, reader.tell());
                        assertEquals("two\n", text(reader.readAll()));
                    }
                    assertEquals(8, f.size());
                    assertEquals(8, f.tell());
                    f.seek(0);
                    assertArrayEquals(ascii("one"), f.readExactly(3));
                    f.seek(-4, AsyncFile.Whence.END);
                    assertEquals("two\n", text(f.readLine()));
                    f.truncate(4);
                    assertEquals(4, f.size());
                    assertEquals(4, f.position(), "a position past the new end moves to it");
                    f.writeLines(List.of(ascii("three\n")));
                    f.flush();
                    f.sync();
                }
                try (AsyncFile f = AsyncFile.open(LOG, APPEND)) {
                    f.write(ascii("four\n"));
                    assertEquals(15, f.position(), "an append leaves the position at the end (4 + 6 + 5 bytes)");
                }
                try (AsyncFile f = AsyncFile.open(LOG, WRITE, TRUNCATE_EXISTING)) {
                    assertEquals(0, f.size());
                    f.write(ascii("again\n"));
                }
                assertEquals(List.of(LOG), AsyncFile.list(DIR));
                assertThrows(FileAlreadyExistsException.class, () -> AsyncFile.open(LOG, CREATE_NEW, WRITE));
                assertThrows(NoSuchFileException.class, () -> AsyncFile.open(DIR.resolve("missing")));
                IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                        () -> AsyncFile.open(Path.of("relative/file"), CREATE, WRITE));
                assertTrue(relative.getMessage().contains("absolute paths, got relative/file"), relative.getMessage());
            }).join();
            assertEquals("again\n", contents(db, LOG));
            assertNull(contents(net.host("other"), LOG), "each host has a disk of its own");
        }));
    }

    @EachCarrier
    void theDiskWaitsInSimulatedTime(String carrier) {
        DiskHardship slow = DiskHardship.NONE.latency(Duration.ofMillis(5), Duration.ZERO, Duration.ofMillis(20));
        check(Simulation.run(2, Hardship.NONE.disk(slow), carrier, net -> net.host("db").spawn(() -> {
            long start = Curio.clock();
            try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) { // 5 ms
                f.write(ascii("x"));                                // 5 ms
                f.sync();                                           // 20 ms
            }
            assertEquals(Duration.ofMillis(30).toNanos(), Curio.clock() - start);
        }).join()));
    }

    @EachCarrier
    void aKilledProcessLosesNothingItWrote(String carrier) {
        check(Simulation.run(3, Hardship.NONE, carrier, net -> {
            SimHost db = net.host("db");
            db.spawn(() -> {
                try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) {
                    f.write(ascii("never synced\n"));
                }
            }).join();
            db.kill();
            db.restart();
            assertEquals("never synced\n", contents(db, LOG));
        }));
    }

    /** Many seeds, one scenario: what a power cut leaves of a synced write, then three unsynced ones. */
    @EachCarrier
    void aPowerCutKeepsWhatWasSyncedAndOfTheRestNoneAllOrAPrefix(String carrier) {
        Set<String> outcomes = new HashSet<>();
        for (long seed = 1; seed <= 60; seed++) {
            String[] after = new String[1];
            check(Simulation.run(seed, Hardship.NONE, carrier, net -> {
                SimHost db = net.host("db");
                db.spawn(() -> {
                    try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) {
                        f.write(ascii("a\n"));
                        f.sync();
                        AsyncFile.syncDirectory(DIR);
                        f.write(ascii("b\n"));
                        f.write(ascii("c\n"));
                        f.write(ascii("d\n"));
                    }
                }).join();
                db.crash();
                db.restart();
                after[0] = contents(db, LOG);
            }));
            assertTrue(List.of("a\n", "a\nb\n", "a\nb\nc\n", "a\nb\nc\nd\n").contains(after[0]),
                    "seed " + seed + " left " + after[0] + ": a prefix of the writes, never garbage or a gap");
            outcomes.add(after[0]);
        }
        assertEquals(4, outcomes.size(), "none, all, and each prefix happen: " + outcomes);
    }

    @EachCarrier
    void aNewFileWhoseDirectoryWasNotSyncedMayVanishWhole(String carrier) {
        Set<Boolean> survived = new HashSet<>();
        for (long seed = 1; seed <= 30; seed++) {
            boolean[] there = new boolean[2];
            check(Simulation.run(seed, Hardship.NONE, carrier, net -> {
                SimHost db = net.host("db");
                Path unsynced = Path.of("/other/unsynced"); // a directory of its own: a sync of DIR commits it otherwise
                db.spawn(() -> {
                    for (Path file : List.of(DIR.resolve("synced"), unsynced)) {
                        try (AsyncFile f = AsyncFile.open(file, CREATE, WRITE)) {
                            f.write(ascii("data\n"));
                            f.sync(); // the bytes are durable; the name is not, until the directory is synced
                        }
                    }
                    AsyncFile.syncDirectory(DIR); // commits the journal up to DIR's last entry: "synced", not "unsynced"
                }).join();
                db.crash();
                db.restart();
                there[0] = contents(db, unsynced) != null;
                there[1] = "data\n".equals(contents(db, DIR.resolve("synced")));
            }));
            assertTrue(there[1], "seed " + seed + ": a synced file in a synced directory survives");
            survived.add(there[0]);
        }
        assertEquals(Set.of(true, false), survived, "an unsynced name survives some power cuts and not others");
    }

    @EachCarrier
    void aRenameIsAtomicAcrossAPowerCut(String carrier) {
        Set<String> outcomes = new HashSet<>();
        for (long seed = 1; seed <= 30; seed++) {
            String[] after = new String[1];
            check(Simulation.run(seed, Hardship.NONE, carrier, net -> {
                SimHost db = net.host("db");
                db.spawn(() -> {
                    Path tmp = DIR.resolve("log.tmp");
                    try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) {
                        f.write(ascii("old\n"));
                        f.sync();
                    }
                    AsyncFile.syncDirectory(DIR);
                    try (AsyncFile f = AsyncFile.open(tmp, CREATE, WRITE)) {
                        f.write(ascii("new\n"));
                        f.sync();
                    }
                    AsyncFile.rename(tmp, LOG); // the directory is not synced: the rename may be lost, never half made
                }).join();
                db.crash();
                db.restart();
                after[0] = contents(db, LOG);
            }));
            assertTrue("old\n".equals(after[0]) || "new\n".equals(after[0]), "seed " + seed + " left " + after[0]);
            outcomes.add(after[0]);
        }
        assertEquals(Set.of("old\n", "new\n"), outcomes);
    }

    @EachCarrier
    void aFailedSyncLeavesItsDataNotDurableForGood(String carrier) {
        int found = 0;
        for (long seed = 1; seed <= 200 && found < 3; seed++) {
            boolean[] failed = new boolean[1];
            String[] after = new String[1];
            check(Simulation.run(seed, Hardship.NONE.disk(DiskHardship.NONE.errors(0.3)), carrier, net -> {
                SimHost db = net.host("db");
                db.spawn(() -> {
                    try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) {
                        f.write(ascii("first\n"));
                        try {
                            f.sync();
                        } catch (IOException e) {
                            assertTrue(e.getMessage().contains("Input/output error (EIO)"), e.getMessage());
                            failed[0] = true;
                        }
                        f.write(ascii("second\n"));
                        f.sync();
                        AsyncFile.syncDirectory(DIR);
                    } catch (IOException e) {
                        failed[0] = false; // a write or a later sync failed too: not this scenario
                        after[0] = "skip";
                    }
                }).join();
                if (!failed[0]) {
                    return;
                }
                db.crash();
                db.restart();
                after[0] = contents(db, LOG);
            }));
            if (failed[0]) {
                found++;
                assertFalse(after[0].startsWith("first\n"), "seed " + seed + ": a write whose sync failed reached the"
                        + " disk anyway: " + after[0]);
            }
        }
        assertTrue(found > 0, "some seed fails the first sync and passes the rest");
    }

    @EachCarrier
    void aFullDiskRefusesTheWriteAndSaysSo(String carrier) {
        check(Simulation.run(5, Hardship.NONE.disk(DiskHardship.NONE.capacity(10)), carrier, net ->
                net.host("db").spawn(() -> {
                    try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) {
                        f.write(ascii("12345678"));
                        IOException full = assertThrows(IOException.class, () -> f.write(ascii("abc")));
                        assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
                        assertEquals(8, f.size(), "nothing of the refused write was written");
                    }
                }).join()));
    }

    @EachCarrier
    void aFailedWriteWritesNothingAndAHostsOwnHardshipWins(String carrier) {
        check(Simulation.run(6, Hardship.NONE.disk(DiskHardship.NONE.errors(1)), carrier, net -> {
            SimHost broken = net.host("broken");
            SimHost healthy = net.host("healthy").diskHardship(DiskHardship.NONE);
            broken.spawn(() -> {
                try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) {
                    IOException e = assertThrows(IOException.class, () -> f.write(ascii("lost\n")));
                    assertTrue(e.getMessage().contains("write: Input/output error (EIO)"), e.getMessage());
                    assertEquals(0, f.size(), "a failed write writes nothing");
                }
            }).join();
            healthy.spawn(() -> {
                try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) {
                    f.write(ascii("kept\n"));
                    f.sync(); // the host's own hardship: no errors here
                }
            }).join();
            assertEquals("kept\n", contents(healthy, LOG));
        }));
    }

    @EachCarrier
    void aTornWriteEndsAtABlockBoundaryWithinIt(String carrier) {
        Set<Integer> sizes = new HashSet<>();
        for (long seed = 1; seed <= 40; seed++) {
            int[] size = new int[1];
            check(Simulation.run(seed, Hardship.NONE.disk(DiskHardship.NONE.tornWrites(true)), carrier, net -> {
                SimHost db = net.host("db");
                db.spawn(() -> {
                    try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE)) {
                        f.sync();
                        AsyncFile.syncDirectory(DIR);
                        byte[] block = new byte[3 * SimDisk.BLOCK + 100];
                        Arrays.fill(block, (byte) 'x');
                        f.write(block);
                    }
                }).join();
                db.crash();
                db.restart();
                size[0] = contents(db, LOG).length();
            }));
            assertTrue(size[0] % SimDisk.BLOCK == 0 || size[0] == 3 * SimDisk.BLOCK + 100, "seed " + seed + ": " + size[0]);
            sizes.add(size[0]);
        }
        assertTrue(sizes.size() >= 3, "torn at different boundaries: " + sizes);
    }

    @EachCarrier
    void aRunWithFilesIsAFunctionOfItsSeed(String carrier) {
        Simulation.Body body = net -> {
            SimHost db = net.host("db");
            db.spawn(() -> {
                for (int i = 0; i < 20; i++) {
                    try (AsyncFile f = AsyncFile.open(LOG, CREATE, WRITE, APPEND)) {
                        f.write(ascii("record " + Curio.random().nextInt(1000) + "\n"));
                        if (i % 3 == 0) {
                            f.sync();
                        }
                    }
                }
            }).join();
            db.crash();
            db.restart();
            contents(db, LOG);
        };
        Simulation.Outcome a = Simulation.run(9, Hardship.ROUGH, carrier, body);
        Simulation.Outcome b = Simulation.run(9, Hardship.ROUGH, "continuation".equals(carrier) ? "virtual" : "continuation", body);
        a.rethrow();
        assertEquals(a.traceHash(), b.traceHash(), "the same seed, the same run, on both carriers");
        assertTrue(Simulation.run(10, Hardship.ROUGH, carrier, body).traceHash() != a.traceHash(), "another seed, another run");
    }

    @org.junit.jupiter.api.Test
    void refusedDiskHardshipsNameTheirField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiskHardship.NONE.capacity(-1));
        assertTrue(e.getMessage().startsWith("Hardship.disk.capacity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiskHardship.NONE.errors(1.5));
        assertTrue(e.getMessage().startsWith("Hardship.disk.errors"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DiskHardship.NONE.latency(Duration.ofDays(2), Duration.ZERO, Duration.ZERO));
        assertTrue(e.getMessage().startsWith("Hardship.disk.latency"), e.getMessage());
    }
}
