package curio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.TaskTimeout;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** CURIO-SPEC 9.3: stream reading and writing semantics. */
class StreamTest {

    /** A connected pair of streams: [client side, server side]. */
    static SocketStream[] pair() throws IOException {
        try (Socket listener = Net.tcpServerSocket("127.0.0.1", 0)) {
            Socket client = Socket.tcp();
            client.connect(listener.localAddress());
            Socket server = listener.accept();
            return new SocketStream[] {client.asStream(), server.asStream()};
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @EachBackend
    void readAfterReadLineReturnsBufferedBytesFirst(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            p[0].write(b("hello\nworld\n"));
            Curio.sleep(Duration.ofMillis(5));
            assertEquals("hello\n", s(p[1].readLine()));
            assertEquals("wo", s(p[1].read(2)));
            assertEquals("rld\n", s(p[1].read(1000)));
            p[0].close();
            p[1].close();
        });
    }

    @EachBackend
    void linesArrivingOneByOneAreEachFound(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            for (String word : List.of("one", "two", "three")) {
                p[0].write(b(word + "\n"));       // each line arrives after the previous was read,
                assertEquals(word + "\n", s(p[1].readLine())); // so the buffer is reused from its start
            }
            p[0].write(b("sp"));
            Curio.spawn(() -> {
                Curio.sleep(Duration.ofMillis(5));
                p[0].write(b("lit\n"));               // a line split across two reads
            });
            assertEquals("split\n", s(p[1].readLine()));
            p[0].close();
            p[1].close();
        });
    }

    @EachBackend
    void linesKeepCarriageReturnsAndEndWithAPartialLine(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            p[0].writeLines(List.of(b("abc\r\n"), b("\n"), b("tail")));
            p[0].shutdownOutput();
            List<String> lines = new ArrayList<>();
            for (byte[] line : p[1].lines()) {
                lines.add(s(line));
            }
            assertEquals(List.of("abc\r\n", "\n", "tail"), lines);
            assertEquals(0, p[1].readLine().length, "after the end: empty lines");
            p[0].close();
            p[1].close();
        });
    }

    @EachBackend
    void readExactlyReportsWhatArrivedBeforeTheEnd(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            p[0].write(b("12345"));
            p[0].close();
            assertEquals("123", s(p[1].readExactly(3)));
            IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> p[1].readExactly(10));
            assertEquals("45", s(e.partial()));
            assertEquals(10, e.expected());
            p[1].close();
        });
    }

    @EachBackend
    void aHugeAnnouncedLengthCostsOnlyWhatArrives(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            p[0].write(b("ten bytes!"));
            p[0].close();
            // 2^31-1 bytes is past any JVM's array limit: allocated up front, it is an OutOfMemoryError on every heap
            IncompleteReadException e = assertThrows(IncompleteReadException.class,
                    () -> p[1].readExactly(Integer.MAX_VALUE));
            assertEquals("ten bytes!", s(e.partial()));
            assertEquals(Integer.MAX_VALUE, e.expected());
            p[1].close();
        });
    }

    @EachBackend
    void cancelledReadsCarryWhatTheyRead(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            p[0].write(b("partial"));
            TaskTimeout all = assertThrows(TaskTimeout.class,
                    () -> Curio.timeoutAfter(Duration.ofMillis(50), p[1]::readAll));
            assertEquals("partial", s(all.detail(PartialIo.Read.class).orElseThrow().bytes()));
            p[0].write(b("abc"));
            TaskTimeout exact = assertThrows(TaskTimeout.class,
                    () -> Curio.timeoutAfter(Duration.ofMillis(50), () -> p[1].readExactly(10)));
            assertEquals("abc", s(exact.detail(PartialIo.Read.class).orElseThrow().bytes()));
            p[0].write(b("l1\nl2\n"));
            TaskTimeout lines = assertThrows(TaskTimeout.class,
                    () -> Curio.timeoutAfter(Duration.ofMillis(50), p[1]::readLines));
            assertEquals(2, lines.detail(PartialIo.Lines.class).orElseThrow().lines().size());
            p[0].close();
            p[1].close();
        });
    }

    @EachBackend
    void cancelledWriteLinesReportsEverythingWritten(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            Iterable<byte[]> endless = () -> new Iterator<>() {
                @Override public boolean hasNext() { return true; }
                @Override public byte[] next() { return new byte[8192]; }
            };
            TaskTimeout e = assertThrows(TaskTimeout.class,
                    () -> Curio.timeoutAfter(Duration.ofMillis(100), () -> p[0].writeLines(endless)));
            long written = e.detail(PartialIo.Written.class).orElseThrow().bytes();
            assertTrue(written > 0, "bytesWritten " + written);
            p[0].close();
            assertEquals(written, p[1].readAll().length, "the peer received exactly what was reported");
            p[1].close();
        });
    }

    @EachBackend
    void aLineLongerThanTheLimitIsRefused(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            p[1].maxLineLength(100);
            p[0].write(new byte[500]);
            LineTooLongException e = assertThrows(LineTooLongException.class, p[1]::readLine);
            assertTrue(e.getMessage().contains("100"), e.getMessage());
            assertEquals(100, p[1].read(100).length, "what was buffered can still be read");
            assertThrows(IllegalArgumentException.class, () -> p[1].maxLineLength(0));
            p[0].close();
            p[1].close();
        });
    }

    @EachBackend
    void aLongLineIsRefusedHoweverItsBytesWereSplit(String carrier) {
        Kernels.run(carrier, () -> {
            byte[] line = new byte[1001];
            java.util.Arrays.fill(line, (byte) 'x');
            line[1000] = '\n';
            for (int split : new int[] {0, 600}) {
                SocketStream[] p = pair();
                p[1].maxLineLength(100);
                if (split > 0) {
                    p[0].write(java.util.Arrays.copyOf(line, split));
                    Curio.sleep(Duration.ofMillis(5));
                }
                p[0].write(java.util.Arrays.copyOfRange(line, split, line.length));
                Curio.sleep(Duration.ofMillis(5));
                assertThrows(LineTooLongException.class, p[1]::readLine, "split at " + split);
                p[0].write(b("short\n"));
                assertEquals(1001, p[1].readExactly(1001).length, "nothing was lost: split at " + split);
                assertEquals("short\n", s(p[1].readLine()));
                p[0].close();
                p[1].close();
            }
        });
    }

    @EachBackend
    void readAllAndWriteOfLargeData(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            byte[] data = SocketTest.pattern(3 << 20);
            Curio.spawn(() -> {
                assertEquals(data.length, p[0].write(data));
                p[0].close();
            });
            assertArrayEquals(data, p[1].readAll());
            p[1].close();
        });
    }

    /**
     * Lines of every size, from one byte to several times the read size, pipelined so that reads end
     * anywhere within them: each comes back whole and in order (the buffer compacts, grows, and is let
     * go between lines).
     */
    @EachBackend
    void linesOfEverySizeComeBackWhole(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            java.util.Random random = new java.util.Random(7);
            List<byte[]> lines = new ArrayList<>();
            for (int size : new int[] {1, 2, 63, 64, 511, 512, 513, 2047, 2049, 8192, 65_535, 65_536, 150_000, 3, 100}) {
                byte[] line = new byte[size];
                for (int i = 0; i < size - 1; i++) {
                    line[i] = (byte) ('a' + random.nextInt(26));
                }
                line[size - 1] = '\n';
                lines.add(line);
            }
            p[1].maxLineLength(200_000);
            var writer = Curio.spawn(() -> {
                p[0].writeLines(lines);
                p[0].shutdownOutput();
                return null;
            });
            for (byte[] line : lines) {
                assertArrayEquals(line, p[1].readLine(), "a line of " + line.length + " bytes");
            }
            assertEquals(0, p[1].readLine().length, "then the end of the stream");
            writer.join();
            p[0].close();
            p[1].close();
        });
    }

    @EachBackend
    void writeSendsARangeOfAnArray(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            byte[] data = b("..hello\n..");
            assertEquals(6, p[0].write(data, 2, 6));
            assertEquals("hello\n", s(p[1].readLine()));
            assertThrows(IndexOutOfBoundsException.class, () -> p[0].write(data, 8, 6));
            p[0].close();
            p[1].close();
        });
    }

    /** Short exact reads over a socket read ahead; what they read ahead is what the next reads return. */
    @EachBackend
    void exactReadsReadAheadAndLoseNothing(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = pair();
            p[0].write(b("abcdefghij\nrest"));
            assertEquals("abc", s(p[1].readExactly(3)));
            assertEquals("de", s(p[1].readExactly(2)));
            assertEquals("fghij\n", s(p[1].readLine()));
            p[0].shutdownOutput();
            assertEquals("rest", s(p[1].read(100)));
            assertEquals(0, p[1].read(100).length);
            p[0].close();
            p[1].close();
        });
    }
}
