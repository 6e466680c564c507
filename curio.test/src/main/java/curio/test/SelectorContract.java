package curio.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.spi.IoHandle;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.Received;
import curio.api.spi.SelectorProvider;
import curio.api.spi.SocketHandle;
import curio.api.spi.SocketKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every selector backend passes, written against {@code curio.api.spi} alone (no kernel
 * needed): the built-in backends run it, and a third-party backend runs it by subclassing.
 * <pre>{@code
 * class MyBackendContractTest extends SelectorContract {
 *     @Override protected SelectorProvider provider() { return new MyProvider(); }
 * }
 * }</pre>
 * The test plays the kernel's part: it registers interest with {@link ReadinessSelector#interest} and keeps
 * what it registered, as the kernel does; a backend keeps its own record of it. What a backend must do:
 * <ul>
 * <li>{@code select} waits up to its timeout (-1: no limit), returns early on {@code wakeup()} from any
 *     thread (several wake-ups before a select end one select), and reports each ready handle with the
 *     ready directions among those of interest; readiness is level-triggered;</li>
 * <li>stream sockets bind, listen, connect without blocking ({@code finishConnect} after write
 *     readiness), accept, read and write at offsets, refuse ranges outside the array with
 *     {@link IndexOutOfBoundsException}, report {@link SocketHandle#WOULD_BLOCK} and
 *     {@link SocketHandle#EOF}; datagram sockets carry their sender; Unix-domain stream sockets work
 *     where the OS has them;</li>
 * <li>a closed handle says so, accepts interest 0, and is never reported again;</li>
 * <li>{@link ReadinessSelector#openFifoReader} either reads a FIFO like a socket (a backend that can
 *     poll a pipe: epoll) or refuses with {@link UnsupportedOperationException}, making nothing.</li>
 * </ul>
 * Kernel-level behaviour over a backend (futures, sockets through curio.net) is tested in the project's
 * integration tests, per backend.
 */
public abstract class SelectorContract {

    /** For a backend's contract test class. */
    protected SelectorContract() {}

    /**
     * The backend under test.
     *
     * @return the provider of the backend
     */
    protected abstract SelectorProvider provider();

    private ReadinessSelector sel;
    private final List<SocketHandle> opened = new ArrayList<>();

    @BeforeEach
    void openSelector() throws IOException {
        SelectorProvider p = provider();
        Assumptions.assumeTrue(p.unsupportedReason().isEmpty(),
                () -> "selector " + p.name() + " unsupported here: " + p.unsupportedReason().orElse(""));
        sel = p.open();
        assertEquals(p.name(), sel.name(), "a selector is named after its provider");
    }

    @AfterEach
    void closeAll() throws IOException {
        for (SocketHandle h : opened) {
            h.close();
        }
        if (sel != null) {
            sel.close();
        }
    }

    // -- the kernel's part

    private SocketHandle open(SocketKind kind) throws IOException {
        SocketHandle h = sel.openSocket(kind);
        opened.add(h);
        assertEquals(kind, h.kind());
        return h;
    }

    private final java.util.Map<IoHandle, Integer> interests = new java.util.HashMap<>(); // as a kernel keeps them

    private void interest(IoHandle h, int ops) throws IOException {
        sel.interest(h, ops);
        interests.put(h, ops);
    }

    private int interestOf(IoHandle h) {
        return interests.getOrDefault(h, 0);
    }

    /** Selects until {@code h} reports {@code op}; fails after 10 s. */
    private void await(IoHandle h, int op) throws IOException {
        interest(h, interestOf(h) | op);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<IoHandle, Integer> ready = select(100_000_000L);
            if ((ready.getOrDefault(h, 0) & op) != 0) {
                return;
            }
        }
        throw new AssertionError(h + " never became " + (op == ReadinessSelector.READ ? "readable" : "writable"));
    }

    private Map<IoHandle, Integer> select(long timeoutNanos) throws IOException {
        Map<IoHandle, Integer> ready = new HashMap<>();
        sel.select(timeoutNanos, (h, ops) -> {
            assertEquals(0, ops & ~interestOf(h), "reported " + ops + " beyond the interest " + interestOf(h) + " of " + h);
            ready.merge(h, ops, (a, b) -> a | b);
        });
        return ready;
    }

    private SocketHandle listener(SocketKind kind, SocketAddress at) throws IOException {
        SocketHandle l = open(kind);
        l.bind(at);
        l.listen(16);
        return l;
    }

    private SocketHandle[] connectedPair(SocketHandle listener, SocketKind kind) throws IOException {
        SocketHandle client = open(kind);
        if (!client.connect(listener.localAddress())) {
            await(client, ReadinessSelector.WRITE);
            assertTrue(client.finishConnect(), "writable after connect means connected");
        }
        await(listener, ReadinessSelector.READ);
        SocketHandle server = listener.accept();
        assertNotNull(server, "readable listener accepts");
        opened.add(server);
        return new SocketHandle[] {client, server};
    }

    private SocketHandle[] tcpPair() throws IOException {
        SocketHandle l = listener(SocketKind.TCP_V4, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return connectedPair(l, SocketKind.TCP_V4);
    }

    private int readAll(SocketHandle h, byte[] into, int off, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = h.read(into, off + got, len - got);
            if (n == SocketHandle.WOULD_BLOCK) {
                await(h, ReadinessSelector.READ);
            } else if (n == SocketHandle.EOF) {
                break;
            } else {
                got += n;
            }
        }
        return got;
    }

    // -- the contract

    @Test
    void wakeupEndsASelectFromAnotherThreadAndCoalesces() throws Exception {
        Thread waker = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException ignored) {
                // wake up anyway
            }
            sel.wakeup();
        });
        assertEquals(0, sel.select(-1, (h, ops) -> {}), "a wake-up reports no handle");
        waker.join();
        sel.wakeup();
        sel.wakeup();
        assertEquals(0, sel.select(-1, (h, ops) -> {}), "two wake-ups end one select");
        assertEquals(0, sel.select(0, (h, ops) -> {}), "and no more");
    }

    @Test
    void selectWaitsForItsTimeout() throws IOException {
        long t0 = System.nanoTime();
        assertEquals(0, sel.select(50_000_000L, (h, ops) -> {}));
        assertTrue(System.nanoTime() - t0 >= 10_000_000L, "select(50 ms) returned at once");
    }

    @Test
    void streamsConnectAcceptAndTransferAtOffsets() throws IOException {
        SocketHandle[] p = tcpPair();
        assertEquals(p[0].localAddress(), p[1].remoteAddress());
        assertEquals(p[1].localAddress(), p[0].remoteAddress());
        byte[] out = "..hello..".getBytes(StandardCharsets.US_ASCII);
        assertEquals(5, p[0].write(out, 2, 5));
        byte[] in = new byte[9];
        assertEquals(5, readAll(p[1], in, 3, 5));
        assertEquals("hello", new String(in, 3, 5, StandardCharsets.US_ASCII));
        assertThrows(IndexOutOfBoundsException.class, () -> p[0].write(out, 7, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> p[1].read(in, -1, 2));
    }

    /**
     * Backends may pass bytes to the OS in place, through a staging buffer, or by a cached view of an
     * array; whichever they choose per call, every byte arrives once and in order. The writes and reads
     * mix new arrays and reused ones, offsets, and sizes on both sides of 64 KiB.
     */
    @Test
    void bytesSurviveEveryWayAnArrayIsHandedOver() throws IOException {
        SocketHandle[] p = tcpPair();
        java.util.Random random = new java.util.Random(42);
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] reusedOut = new byte[160_000];
        byte[] reusedIn = new byte[70_000];
        int reads = 0;
        int[][] writes = {{1, 0}, {64, 0}, {64, 3}, {65_536, 0}, {65_537, 0}, {150_000, 7}}; // size, offset
        for (int[] w : writes) {
            for (int copy = 0; copy < 4; copy++) {
                int size = w[0];
                int off = w[1];
                byte[] out = copy % 2 == 0 ? new byte[off + size] : reusedOut;
                for (int i = off; i < off + size; i++) {
                    out[i] = (byte) random.nextInt();
                }
                sent.write(out, off, size);
                for (int done = 0; done < size; ) {
                    int n = p[0].write(out, off + done, size - done);
                    if (n == SocketHandle.WOULD_BLOCK) {
                        await(p[1], ReadinessSelector.READ);
                        readOnce(p[1], got, reusedIn, reads++);
                    } else {
                        assertTrue(n > 0 && n <= size - done, "write returned " + n);
                        done += n;
                    }
                }
            }
        }
        while (got.size() < sent.size()) {
            if (readOnce(p[1], got, reusedIn, reads++) == SocketHandle.WOULD_BLOCK) {
                await(p[1], ReadinessSelector.READ);
            }
        }
        assertArrayEquals(sent.toByteArray(), got.toByteArray(), "the bytes read are the bytes written");
    }

    /** One read, into a different kind of array each time; what it read goes to {@code got}. */
    private static int readOnce(SocketHandle h, java.io.ByteArrayOutputStream got, byte[] reused, int k) throws IOException {
        byte[] into;
        int off;
        int len;
        switch (k % 4) {
            case 0 -> { into = reused; off = 0; len = reused.length; }
            case 1 -> { into = new byte[100]; off = 0; len = 100; }
            case 2 -> { into = reused; off = 5; len = 1000; }
            default -> { into = new byte[200_000]; off = 10; len = 199_990; }
        }
        int n = h.read(into, off, len);
        if (n > 0) {
            got.write(into, off, n);
        }
        assertTrue(n != SocketHandle.EOF, "the writer never closed");
        return n;
    }

    @Test
    void emptyReadsWouldBlockAndAClosedPeerIsEndOfStream() throws IOException {
        SocketHandle[] p = tcpPair();
        byte[] b = new byte[16];
        assertEquals(SocketHandle.WOULD_BLOCK, p[1].read(b, 0, b.length));
        p[0].shutdownOutput();
        await(p[1], ReadinessSelector.READ);
        assertEquals(SocketHandle.EOF, p[1].read(b, 0, b.length));
    }

    @Test
    void readinessIsLevelTriggered() throws IOException {
        SocketHandle[] p = tcpPair();
        p[0].write(new byte[] {1, 2, 3}, 0, 3);
        await(p[1], ReadinessSelector.READ);
        assertEquals(ReadinessSelector.READ, select(1_000_000_000L).getOrDefault(p[1], 0) & ReadinessSelector.READ,
                "unread bytes are reported again");
        assertEquals(3, readAll(p[1], new byte[3], 0, 3));
    }

    @Test
    void interestMovesBetweenDirections() throws IOException {
        SocketHandle[] p = tcpPair();
        await(p[1], ReadinessSelector.WRITE);
        interest(p[1], ReadinessSelector.READ); // writable, but no longer of interest
        assertFalse(select(0).containsKey(p[1]), "a direction without interest is not reported");
        p[0].write(new byte[] {7}, 0, 1);
        await(p[1], ReadinessSelector.READ);
        interest(p[1], 0);
        assertFalse(select(0).containsKey(p[1]), "no interest, no report");
    }

    @Test
    void datagramsCarryTheirSender() throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        SocketHandle a = open(SocketKind.UDP_V4);
        SocketHandle b = open(SocketKind.UDP_V4);
        a.bind(loopback);
        b.bind(loopback);
        byte[] msg = "ping".getBytes(StandardCharsets.US_ASCII);
        assertEquals(4, a.send(msg, 0, 4, b.localAddress()));
        byte[] in = new byte[16];
        Received r;
        while ((r = b.receive(in, 0, in.length)) == null) {
            await(b, ReadinessSelector.READ);
        }
        assertEquals(4, r.length());
        assertEquals(a.localAddress(), r.sender());
        assertArrayEquals(msg, java.util.Arrays.copyOf(in, 4));
    }

    @Test
    void unixDomainStreamsTransfer() throws IOException {
        Path dir = Files.createTempDirectory("curio-contract");
        Path path = dir.resolve("s.sock");
        try {
            SocketHandle l = listener(SocketKind.UNIX_STREAM, UnixDomainSocketAddress.of(path));
            SocketHandle[] p = connectedPair(l, SocketKind.UNIX_STREAM);
            p[1].write(new byte[] {4, 2}, 0, 2);
            byte[] in = new byte[2];
            assertEquals(2, readAll(p[0], in, 0, 2));
            assertArrayEquals(new byte[] {4, 2}, in);
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aClosedHandleLeavesTheSelector() throws IOException {
        SocketHandle[] p = tcpPair();
        p[0].write(new byte[] {1}, 0, 1);
        await(p[1], ReadinessSelector.READ);
        p[1].close();
        assertTrue(p[1].isClosed());
        interest(p[1], 0); // what the kernel's release does after a close: must be accepted
        assertFalse(select(0).containsKey(p[1]), "a closed handle is never reported");
        assertThrows(IOException.class, () -> p[1].read(new byte[1], 0, 1));
    }

    @Test
    void twoHundredConnectionsAtOnce() throws IOException {
        SocketHandle l = listener(SocketKind.TCP_V4, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        List<SocketHandle[]> pairs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pairs.add(connectedPair(l, SocketKind.TCP_V4));
        }
        for (int i = 0; i < pairs.size(); i++) {
            pairs.get(i)[0].write(new byte[] {(byte) i}, 0, 1);
        }
        for (int i = 0; i < pairs.size(); i++) {
            byte[] in = new byte[1];
            assertEquals(1, readAll(pairs.get(i)[1], in, 0, 1));
            assertEquals((byte) i, in[0], "pair " + i);
        }
    }

    @Test
    void aSelectorOwnsTheHandlesItOpenedAndNoOthers() throws IOException {
        SocketHandle mine = open(SocketKind.UDP_V4);
        try (ReadinessSelector other = provider().open()) {
            assertTrue(sel.owns(mine));
            assertFalse(other.owns(mine), "a kernel must be able to refuse another kernel's socket");
        }
    }

    @Test
    void closingTheSelectorClosesTheSocketsItOpened() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "counting descriptors needs /proc (Linux)");
        long before;
        try (var list = Files.list(fds)) {
            before = list.count();
        }
        ReadinessSelector other = provider().open();
        SocketHandle listener = other.openSocket(SocketKind.TCP_V4);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.listen(4);
        SocketHandle client = other.openSocket(SocketKind.TCP_V4);
        client.connect(listener.localAddress());
        other.openSocket(SocketKind.UDP_V4);
        other.close(); // the kernel's close(): whatever its tasks left open goes with it
        assertTrue(listener.isClosed() && client.isClosed(), "sockets left open by a closed selector");
        long after;
        try (var list = Files.list(fds)) {
            after = list.count();
        }
        assertTrue(after <= before, "descriptors leaked: " + before + " before, " + after + " after");
    }

    /**
     * A backend that can poll a pipe makes the FIFO, reads what a writer sends through it, reports
     * {@code WOULD_BLOCK} while it is empty and {@code EOF} once the writer closed it; one that cannot
     * refuses with {@link UnsupportedOperationException} and makes nothing.
     */
    @Test
    void aFifoIsReadLikeASocketOrRefusedOutright() throws IOException {
        Path fifo = Path.of(System.getProperty("java.io.tmpdir"),
                "curio-contract-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        curio.api.spi.PipeHandle pipe;
        try {
            pipe = sel.openFifoReader(fifo);
        } catch (UnsupportedOperationException refused) {
            assertFalse(Files.exists(fifo), "a refusing backend makes no FIFO");
            return;
        }
        try (pipe) {
            assertTrue(sel.owns(pipe));
            byte[] got = new byte[64];
            try (var writer = new java.io.FileOutputStream(fifo.toFile())) { // a reader is open: no wait
                Files.delete(fifo); // both ends open: the name is no longer needed
                assertEquals(SocketHandle.WOULD_BLOCK, pipe.read(got, 0, got.length), "empty, a writer open");
                writer.write("through the fifo".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                await(pipe, ReadinessSelector.READ);
                assertEquals(16, pipe.read(got, 3, 20));
                assertEquals("through the fifo", new String(got, 3, 16, java.nio.charset.StandardCharsets.US_ASCII));
                assertThrows(IndexOutOfBoundsException.class, () -> pipe.read(got, 60, 10));
            }
            await(pipe, ReadinessSelector.READ); // the writer's close is readiness too
            assertEquals(SocketHandle.EOF, pipe.read(got, 0, got.length));
            interest(pipe, 0);
        } finally {
            Files.deleteIfExists(fifo);
        }
        assertTrue(pipe.isClosed());
    }
}
