package curio.kernel;

import curio.test.EachBackend;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.ReadResourceBusy;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.TaskState;
import curio.api.spi.Received;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import curio.api.trap.Traps;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The I/O traps over the selector SPI (CURIO-SPEC 9.1, 13): readiness waits, one waiter per direction. */
class IoTrapTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    /** A connected pair of sockets: [client, server side]. */
    static SocketHandle[] pair(SocketKind kind, SocketAddress bindTo) throws IOException {
        try (SocketHandle listener = Traps.selector().openSocket(kind)) {
            if (kind != SocketKind.UNIX_STREAM) {
                listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            listener.bind(bindTo);
            listener.listen(8);
            SocketHandle client = Traps.selector().openSocket(kind);
            if (!client.connect(listener.localAddress())) {
                Traps.writeWait(client);
                assertTrue(client.finishConnect());
            }
            SocketHandle server;
            while ((server = listener.accept()) == null) {
                Traps.readWait(listener);
            }
            Traps.ioRelease(listener);
            return new SocketHandle[] {client, server};
        }
    }

    static void writeAll(SocketHandle h, byte[] data) throws IOException {
        int off = 0;
        while (off < data.length) {
            int n = h.write(data, off, data.length - off);
            if (n == SocketHandle.WOULD_BLOCK) {
                Traps.writeWait(h);
            } else {
                off += n;
            }
        }
    }

    static byte[] readExactly(SocketHandle h, int len) throws IOException {
        byte[] buf = new byte[len];
        int off = 0;
        while (off < len) {
            int n = h.read(buf, off, len - off);
            if (n == SocketHandle.WOULD_BLOCK) {
                Traps.readWait(h);
            } else if (n == SocketHandle.EOF) {
                throw new IOException("EOF after " + off + " bytes");
            } else {
                off += n;
            }
        }
        return buf;
    }

    private static void echo(SocketHandle[] p, int size) throws Exception {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31);
        }
        Task<Void> echo = Curio.spawn(() -> writeAll(p[1], readExactly(p[1], size)));
        Task<Void> writer = Curio.spawn(() -> writeAll(p[0], data));
        assertArrayEquals(data, readExactly(p[0], size));
        writer.join();
        echo.join();
        p[0].shutdownOutput();
        byte[] one = new byte[1];
        int n;
        while ((n = p[1].read(one, 0, 1)) == SocketHandle.WOULD_BLOCK) {
            Traps.readWait(p[1]);
        }
        assertEquals(SocketHandle.EOF, n, "half-close reaches the peer as end of stream");
        for (SocketHandle h : p) {
            Traps.ioRelease(h);
            h.close();
        }
    }

    @EachBackend
    void tcpEchoOfOneMegabyte(String carrier) {
        Kernels.run(carrier, () -> echo(pair(SocketKind.TCP_V4, LOOPBACK), 1 << 20));
    }

    @EachBackend
    void unixDomainEcho(String carrier) throws IOException {
        Path dir = Files.createTempDirectory("curio");
        Path path = dir.resolve("s.sock");
        try {
            Kernels.run(carrier, () -> echo(pair(SocketKind.UNIX_STREAM, UnixDomainSocketAddress.of(path)), 4096));
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    @EachBackend
    void udpRoundTrip(String carrier) {
        Kernels.run(carrier, () -> {
            try (SocketHandle a = Traps.selector().openSocket(SocketKind.UDP_V4);
                 SocketHandle b = Traps.selector().openSocket(SocketKind.UDP_V4)) {
                a.bind(LOOPBACK);
                b.bind(LOOPBACK);
                byte[] msg = "ping".getBytes(StandardCharsets.US_ASCII);
                assertEquals(4, a.send(msg, 0, 4, b.localAddress()));
                byte[] buf = new byte[64];
                Received d;
                while ((d = b.receive(buf, 0, buf.length)) == null) {
                    Traps.readWait(b);
                }
                assertEquals(4, d.length());
                assertEquals(a.localAddress(), d.sender());
                Traps.ioRelease(a);
                Traps.ioRelease(b);
            }
        });
    }

    @EachBackend
    void secondReaderOfOneHandleIsBusy(String carrier) {
        Kernels.run(carrier, () -> {
            SocketHandle[] p = pair(SocketKind.TCP_V4, LOOPBACK);
            Task<?> first = Curio.spawn(() -> Traps.readWait(p[1]));
            Curio.schedule();
            assertEquals(TaskState.READ_WAIT, first.state());
            assertEquals(first, Traps.ioWaiting(p[1])[0]);
            assertEquals(null, Traps.ioWaiting(p[1])[1]);
            ReadResourceBusy busy = assertThrows(ReadResourceBusy.class, () -> Traps.readWait(p[1]));
            assertTrue(busy.getMessage().contains("task " + first.id()), busy.getMessage());
            Traps.writeWait(p[1]); // the other direction is free
            first.cancel();
            assertInstanceOf(TaskCancelled.class, first.exception());
            Task<?> second = Curio.spawn(() -> Traps.readWait(p[1])); // the slot was freed
            writeAll(p[0], new byte[] {1});
            second.join();
            for (SocketHandle h : p) {
                Traps.ioRelease(h);
                h.close();
            }
        });
    }

    @EachBackend
    void releasingAHandleFailsItsWaiter(String carrier) {
        Kernels.run(carrier, () -> {
            SocketHandle[] p = pair(SocketKind.TCP_V4, LOOPBACK);
            Task<?> reader = Curio.spawn(() -> Traps.readWait(p[1]));
            Curio.schedule();
            Traps.ioRelease(p[1]);
            p[1].close();
            reader.awaitTermination();
            assertInstanceOf(ClosedChannelException.class, reader.exception());
            assertThrows(ClosedChannelException.class, () -> Traps.readWait(p[1]));
            Traps.ioRelease(p[0]);
            p[0].close();
        });
    }

    @EachBackend
    void ioWakeUpsRunBeforeTimerExpiriesOfTheSameCycle(String carrier) throws Exception {
        List<String> log = new ArrayList<>();
        try (Kernel k = Kernels.realTime(carrier)) {
            k.run(() -> {
                SocketHandle[] p = pair(SocketKind.TCP_V4, LOOPBACK);
                Task<?> sleeper = Curio.spawn(() -> {
                    Curio.sleep(Duration.ofMillis(5));
                    log.add("timer");
                });
                Task<?> reader = Curio.spawn(() -> {
                    Traps.readWait(p[1]);
                    log.add("io");
                });
                Curio.schedule(); // both are now waiting
                writeAll(p[0], new byte[] {7});
                Thread.sleep(100); // deliberately block the loop until both are due
                sleeper.join();
                reader.join();
                for (SocketHandle h : p) {
                    Traps.ioRelease(h);
                    h.close();
                }
            });
        }
        assertEquals(List.of("io", "timer"), log);
    }
}
