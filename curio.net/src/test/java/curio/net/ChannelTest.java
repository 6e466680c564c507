package curio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 10: message connections and channels. */
class ChannelTest {

    private static final byte[] KEY = "secret".getBytes(StandardCharsets.US_ASCII);

    record Point(int x, int y) implements Serializable {}

    @EachBackend
    void authenticatedChannelCarriesBytesAndObjects(String carrier) {
        Kernels.run(carrier, () -> {
            Channel server = new Channel(new InetSocketAddress("127.0.0.1", 0));
            server.bind();
            Task<Object> echo = Curio.spawn(() -> {
                try (Connection c = server.accept(KEY)) {
                    c.sendBytes(c.recvBytes());
                    c.send(c.recv());
                    List<Integer> big = new ArrayList<>();
                    for (int i = 0; i < 1_000_000; i++) {
                        big.add(i);
                    }
                    c.send(big);
                    return "served";
                }
            });
            try (Connection c = new Channel(server.address()).connect(KEY)) {
                c.sendBytes(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, c.recvBytes());
                c.send(List.of("a", 1, 2.5));
                assertEquals(List.of("a", 1, 2.5), c.recv());
                assertEquals(1_000_000, ((List<?>) c.recv()).size());
            }
            assertEquals("served", echo.join());
            server.close();
        });
    }

    @EachBackend
    void wrongKeyIsRefusedAndTheServerKeepsAccepting(String carrier) {
        Kernels.run(carrier, () -> {
            Channel server = new Channel(new InetSocketAddress("127.0.0.1", 0));
            server.bind();
            Task<String> accepting = Curio.spawn(() -> {
                try (Connection c = server.accept(KEY)) {
                    return (String) c.recv();
                }
            });
            Channel client = new Channel(server.address());
            assertThrows(AuthenticationError.class,
                    () -> client.connect("wrong".getBytes(StandardCharsets.US_ASCII)));
            try (Connection c = client.connect(KEY)) {
                c.send("second client");
            }
            assertEquals("second client", accepting.join());
            server.close();
        });
    }

    @EachBackend
    void framingLimitsAndFilters(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = StreamTest.pair();
            Connection a = new Connection(p[0]);
            Connection b = new Connection(p[1]);
            a.sendBytes(new byte[20_000]); // large: header and payload written apart
            a.sendBytes(new byte[] {9});
            IOException tooLarge = assertThrows(IOException.class, () -> b.recvBytes(100));
            assertTrue(tooLarge.getMessage().startsWith("Message too large"), tooLarge.getMessage());
            assertArrayEquals(new byte[] {9}, b.recvBytes(), "the oversized message was drained");

            a.sendBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
            byte[] into = new byte[4];
            assertEquals(3, b.recvBytesInto(into, 1));
            assertArrayEquals(new byte[] {0, 2, 3, 4}, into);

            assertThrows(IllegalArgumentException.class, () -> a.sendBytes(new byte[2], -1, 1));
            assertThrows(IllegalArgumentException.class, () -> a.sendBytes(new byte[2], 3, 0));
            assertThrows(IllegalArgumentException.class, () -> a.sendBytes(new byte[2], 0, -1));
            assertThrows(IllegalArgumentException.class, () -> a.sendBytes(new byte[2], 1, 2));

            a.send(new Point(1, 2)); // not a java.base class: the default filter refuses it
            assertThrows(InvalidClassException.class, b::recv);
            b.codec(ObjectCodec.javaSerialization("curio.net.ChannelTest$Point"));
            a.send(new Point(3, 4));
            assertEquals(new Point(3, 4), b.recv());
            a.close();
            b.close();
        });
    }

    /** Issue 24 item 6: what a hostile message can make the decoder do is its own connection's problem only. */
    @EachBackend
    void aHostileMessageCostsItsOwnConnectionOnly(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = StreamTest.pair();
            Connection a = new Connection(p[0]);
            Connection b = new Connection(p[1]);

            a.sendBytes(hugeArrayAnnounced());
            java.io.InvalidObjectException array = assertThrows(java.io.InvalidObjectException.class, b::recv);
            assertTrue(array.getMessage().contains("an array of 2147483632 elements"), array.getMessage());

            a.sendBytes(hashSetBomb(30)); // decoded whole, 2^30 hashes: minutes of the kernel thread
            long start = System.nanoTime();
            java.io.InvalidObjectException deep = assertThrows(java.io.InvalidObjectException.class, b::recv);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(deep.getMessage().contains("nested deeper than the 15 levels of ObjectCodec.Limits.depth"),
                    deep.getMessage());
            assertTrue(tookMillis < 5_000, "refused after " + tookMillis + " ms");

            a.send(java.util.Map.of("k", List.of(java.util.Set.of("v")))); // an ordinary message still arrives
            assertEquals(java.util.Map.of("k", List.of(java.util.Set.of("v"))), b.recv());

            b.codec(ObjectCodec.javaSerialization("", new ObjectCodec.Limits(100, 10, 100, 1 << 20)));
            a.send(new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)));
            assertTrue(assertThrows(java.io.InvalidObjectException.class, b::recv).getMessage()
                    .contains("more than the 10 objects of ObjectCodec.Limits.references"));
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> new ObjectCodec.Limits(0, 1, 1, 1));
            assertTrue(bad.getMessage().contains("depth must be positive"), bad.getMessage());
            a.close();
            b.close();
        });
    }

    /** 27-odd bytes of serialization that announce a byte array of 2^31-16 elements. */
    static byte[] hugeArrayAnnounced() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new byte[0]);
        }
        byte[] m = bytes.toByteArray(); // ends with the array's length, 4 bytes
        java.nio.ByteBuffer.wrap(m).putInt(m.length - 4, Integer.MAX_VALUE - 15);
        return m;
    }

    /** Nested hash sets sharing their members: decoding hashes each level twice over. */
    static byte[] hashSetBomb(int levels) throws IOException {
        java.util.Set<Object> root = new java.util.HashSet<>();
        java.util.Set<Object> s1 = root;
        java.util.Set<Object> s2 = new java.util.HashSet<>();
        for (int i = 0; i < levels; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>();
            java.util.Set<Object> t2 = new java.util.HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        return bytes.toByteArray();
    }

    /**
     * A message's size comes from the peer, so its buffer grows as its bytes arrive: a header announcing
     * 2 GiB (an array no JVM can allocate at once) followed by 100 KB and the end of the stream reads
     * those 100 KB and fails carrying them.
     */
    @EachBackend
    void aMessageBufferGrowsAsItsBytesArrive(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = StreamTest.pair();
            Connection c = new Connection(p[1]);
            p[0].write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // 2 GiB - 1 announced
            p[0].write(new byte[100_000]);
            p[0].shutdownOutput();
            IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> c.recvBytes(Integer.MAX_VALUE));
            assertEquals(100_000, e.partial().length);
            assertEquals(Integer.MAX_VALUE, e.expected());
            p[0].close();
            c.close();
        });
    }

    /** Messages of sizes around every boundary of the framing and of the growing buffer, sent from ranges of arrays. */
    @EachBackend
    void messagesOfEverySizeArriveWhole(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = StreamTest.pair();
            Connection out = new Connection(p[0]);
            Connection in = new Connection(p[1]);
            int[] sizes = {0, 1, 60, 61, 16_383, 16_384, 65_536, 65_537, 3_000_001};
            var sender = Curio.spawn(() -> {
                for (int size : sizes) {
                    byte[] buf = new byte[size + 10];
                    for (int i = 0; i < buf.length; i++) {
                        buf[i] = (byte) (i * 31 + size);
                    }
                    out.sendBytes(buf, 5, size);
                }
                return null;
            });
            for (int size : sizes) {
                byte[] got = size % 2 == 0 ? in.recvBytes(Integer.MAX_VALUE) : new byte[size + 3];
                if (size % 2 != 0) {
                    assertEquals(size, in.recvBytesInto(got, 3));
                    got = java.util.Arrays.copyOfRange(got, 3, 3 + size);
                }
                assertEquals(size, got.length);
                for (int i = 0; i < size; i++) {
                    if (got[i] != (byte) ((i + 5) * 31 + size)) {
                        throw new AssertionError("message of " + size + " bytes differs at " + i);
                    }
                }
            }
            sender.join();
            out.close();
            in.close();
        });
    }

    /**
     * A second task sending while the first waits part-way through a message is refused, and the first
     * message arrives whole: the frame the first is sending is never overwritten.
     */
    @EachBackend
    void aSecondSenderIsRefusedAndTheFirstMessageArrivesWhole(String carrier) {
        Kernels.run(carrier, () -> {
            SocketStream[] p = StreamTest.pair();
            Connection out = new Connection(p[0]);
            Connection in = new Connection(p[1]);
            byte[] big = new byte[32 << 20]; // more than any socket buffers hold: the first sender waits
            java.util.Arrays.fill(big, (byte) 7);
            var first = Curio.spawn(() -> out.sendBytes(big));
            Curio.sleep(java.time.Duration.ofMillis(20));
            assertThrows(curio.api.WriteResourceBusy.class, () -> out.sendBytes(new byte[] {1, 2, 3}));
            byte[] got = in.recvBytes(Integer.MAX_VALUE);
            assertArrayEquals(big, got);
            assertEquals(big.length, first.join());
            out.close();
            in.close();
        });
    }
}
