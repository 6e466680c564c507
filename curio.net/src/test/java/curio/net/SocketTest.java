package curio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.ReadResourceBusy;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.TaskState;
import curio.api.TaskTimeout;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CURIO-SPEC 9.2 and 9.6: sockets and servers over the selector SPI. */
class SocketTest {

    static final ClientHandler ECHO = (client, from) -> {
        byte[] buf = new byte[65536];
        int n;
        while ((n = client.recvInto(buf, 0, buf.length)) > 0) {
            client.sendAll(buf, 0, n);
        }
    };

    /** Starts a server on an ephemeral port in a daemon task and returns its port. */
    static int serve(ClientHandler handler) throws IOException {
        Socket listener = Net.tcpServerSocket("127.0.0.1", 0);
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        Curio.spawnDaemon(() -> Net.runServer(listener, handler, null));
        return port;
    }

    static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 7 + i / 251);
        }
        return data;
    }

    @EachBackend
    void echoRoundTripsFromOneByteToEightMegabytes(String carrier) {
        Kernels.run(carrier, () -> {
            int port = serve(ECHO);
            for (int size : new int[] {1, 1000, 65536, 8 << 20}) {
                byte[] data = pattern(size);
                try (SocketStream s = Net.openConnection("127.0.0.1", port)) {
                    Task<?> writer = Curio.spawn(() -> {
                        s.write(data);
                        s.shutdownOutput();
                    });
                    assertArrayEquals(data, s.readAll(), "size " + size);
                    writer.join();
                }
            }
        });
    }

    @EachBackend
    void aThousandConcurrentClients(String carrier) {
        Kernels.run(carrier, () -> {
            int port = serve(ECHO);
            List<Task<Boolean>> clients = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                byte[] msg = ("client " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                clients.add(Curio.spawn(() -> {
                    try (SocketStream s = Net.openConnection("127.0.0.1", port)) {
                        s.write(msg);
                        return java.util.Arrays.equals(msg, s.readLine());
                    }
                }));
            }
            int ok = 0;
            for (Task<Boolean> t : clients) {
                ok += t.join() ? 1 : 0;
            }
            assertEquals(1000, ok);
        });
    }

    @EachBackend
    void halfCloseLetsThePeerStillAnswer(String carrier) {
        Kernels.run(carrier, () -> {
            int port = serve((client, from) -> {
                SocketStream s = client.asStream();
                byte[] all = s.readAll(); // until the client's shutdownOutput
                s.write(("got " + all.length).getBytes(StandardCharsets.US_ASCII));
            });
            try (Socket s = Socket.tcp()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                s.sendAll(new byte[10]);
                s.shutdownOutput();
                assertEquals("got 10", new String(s.asStream().readAll(), StandardCharsets.US_ASCII));
            }
        });
    }

    @EachBackend
    void peerResetIsAnIoException(String carrier) {
        Kernels.run(carrier, () -> {
            int port = serve((client, from) -> {
                client.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST
                client.recv(1);
            });
            try (Socket s = Socket.tcp()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                s.sendAll(new byte[] {1});
                IOException e = assertThrows(IOException.class, () -> {
                    while (s.recv(100).length > 0) {
                        // keep reading until the reset shows
                    }
                    throw new IOException("orderly end of stream instead of a reset");
                });
                assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
            }
        });
    }

    @EachBackend
    void slowReaderHoldsTheWriterBack(String carrier) {
        Kernels.run(carrier, () -> {
            int size = 32 << 20;
            Task<?>[] writer = new Task<?>[1];
            int port = serve((client, from) -> {
                writer[0] = Curio.currentTask();
                client.sendAll(pattern(size));
            });
            try (SocketStream s = Net.openConnection("127.0.0.1", port)) {
                byte[] first = s.readExactly(1);
                Curio.sleep(Duration.ofMillis(100)); // not reading: the socket buffers fill up
                assertEquals(TaskState.WRITE_WAIT, writer[0].state(), "the writer waits; nothing piles up in memory");
                byte[] rest = s.readExactly(size - 1);
                assertEquals(pattern(size)[size - 1], rest[size - 2]);
                assertEquals(pattern(1)[0], first[0]);
            }
        });
    }

    @EachBackend
    void cancelledSendAllReportsBytesSent(String carrier) {
        Kernels.run(carrier, () -> {
            int port = serve((client, from) -> Curio.sleep(Duration.ofDays(1))); // never reads
            try (Socket s = Socket.tcp()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                int size = 64 << 20;
                TaskTimeout e = assertThrows(TaskTimeout.class,
                        () -> Curio.timeoutAfter(Duration.ofMillis(200), () -> s.sendAll(new byte[size])));
                long sent = e.detail(PartialIo.Sent.class).orElseThrow().bytes();
                assertTrue(sent > 0 && sent < size, "bytes sent " + sent);
            }
        });
    }

    @EachBackend
    void refusedConnectAndTimeoutsLeaveSocketsUsable(String carrier) {
        Kernels.run(carrier, () -> {
            int closedPort;
            try (Socket probe = Net.tcpServerSocket("127.0.0.1", 0)) {
                closedPort = ((InetSocketAddress) probe.localAddress()).getPort();
            }
            assertThrows(ConnectException.class, () -> Net.openConnection("127.0.0.1", closedPort));

            int port = serve((client, from) -> {
                Curio.sleep(Duration.ofMillis(300));
                client.sendAll("late".getBytes(StandardCharsets.US_ASCII));
                client.recv(1);
            });
            try (Socket s = Socket.tcp()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofMillis(50), () -> s.recv(10)));
                assertEquals("late", new String(s.asStream().readExactly(4), StandardCharsets.US_ASCII),
                        "the abandoned recv lost nothing");
            }
        });
    }

    @EachBackend
    void misuseIsReported(String carrier) {
        Kernels.run(carrier, () -> {
            int port = serve((client, from) -> Curio.sleep(Duration.ofDays(1)));
            Socket s = Socket.tcp();
            s.connect(new InetSocketAddress("127.0.0.1", port));
            Task<?> reader = Curio.spawn(() -> s.recv(10));
            Curio.sleep(Duration.ofMillis(10));
            assertThrows(ReadResourceBusy.class, () -> s.recv(10));
            s.close();
            reader.awaitTermination();
            assertInstanceOf(IOException.class, reader.exception(), "closing fails the waiting reader");
            SocketException e = assertThrows(SocketException.class, () -> s.recv(10));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            s.close(); // idempotent
            assertThrows(IllegalArgumentException.class, () -> Net.tcpServerSocket("127.0.0.1", 70000));
        });
        assertThrows(IllegalStateException.class, Socket::tcp);
    }

    @EachBackend
    void cancellingAServerClosesItsClients(String carrier) {
        Kernels.run(carrier, () -> {
            Socket listener = Net.tcpServerSocket("127.0.0.1", 0);
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            Task<?> server = Curio.spawn(() -> Net.runServer(listener, ECHO, null));
            SocketStream c = Net.openConnection("127.0.0.1", port);
            c.write("x\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("x\n", new String(c.readLine(), StandardCharsets.US_ASCII));
            server.cancel();
            assertInstanceOf(TaskCancelled.class, server.exception());
            assertEquals(0, c.read(10).length, "the client's connection was closed");
            assertTrue(listener.isClosed());
            c.close();
        });
    }

    @EachBackend
    void failingHandlerDoesNotStopTheServer(String carrier) {
        Kernels.run(carrier, () -> {
            int[] calls = new int[1];
            int port = serve((client, from) -> {
                if (calls[0]++ == 0) {
                    throw new IllegalStateException("first client breaks the handler");
                }
                ECHO.handle(client, from);
            });
            try (SocketStream first = Net.openConnection("127.0.0.1", port)) {
                assertEquals(0, first.read(10).length, "its socket was closed after the failure");
            }
            try (SocketStream second = Net.openConnection("127.0.0.1", port)) {
                second.write("ok\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ok\n", new String(second.readLine(), StandardCharsets.US_ASCII));
            }
        });
    }

    @EachBackend
    void unixDomainServer(String carrier) throws IOException {
        Path dir = Files.createTempDirectory("curio-net");
        Path path = dir.resolve("echo.sock");
        try {
            Kernels.run(carrier, () -> {
                Curio.spawnDaemon(() -> Net.unixServer(path, ECHO));
                Curio.sleep(Duration.ofMillis(10));
                try (SocketStream s = Net.openUnixConnection(path)) {
                    s.write("over unix\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("over unix\n", new String(s.readLine(), StandardCharsets.US_ASCII));
                }
            });
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    @EachBackend
    void tcpOverIpv6(String carrier) throws IOException {
        boolean ipv6;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            ipv6 = true;
        } catch (IOException e) {
            ipv6 = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6, "no IPv6 loopback on this machine");
        Kernels.run(carrier, () -> {
            Socket listener = Net.tcpServerSocket("::1", 0);
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            Curio.spawnDaemon(() -> Net.runServer(listener, ECHO, null));
            try (Socket s = Socket.tcp6()) {
                s.connect(new InetSocketAddress("::1", port));
                s.sendAll("six\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("six\n", new String(s.asStream().readLine(), StandardCharsets.US_ASCII));
                assertTrue(((InetSocketAddress) s.remoteAddress()).getAddress() instanceof java.net.Inet6Address);
            }
        });
    }

    @EachBackend
    void aPairIsTwoConnectedLoopbackSockets(String backend) {
        Kernels.run(backend, () -> {
            Socket[] pair = Socket.pair();
            try (Socket a = pair[0]; Socket b = pair[1]) {
                a.sendAll("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", new String(b.asStream().readExactly(4), StandardCharsets.US_ASCII));
                b.sendAll("pong".getBytes(StandardCharsets.US_ASCII));
                assertEquals("pong", new String(a.asStream().readExactly(4), StandardCharsets.US_ASCII));
                assertEquals(a.localAddress(), b.remoteAddress());
                assertTrue(((InetSocketAddress) a.remoteAddress()).getAddress().isLoopbackAddress());
            }
        });
    }

    @EachBackend
    void udpEcho(String carrier) {
        udpEcho(carrier, Socket::udp, "127.0.0.1");
    }

    @EachBackend
    void udp6Echo(String carrier) {
        udpEcho(carrier, Socket::udp6, "::1");
    }

    private static void udpEcho(String carrier, java.util.function.Supplier<Socket> open, String host) {
        Kernels.run(carrier, () -> {
            try (Socket server = open.get(); Socket client = open.get()) {
                server.bind(new InetSocketAddress(host, 0));
                Curio.spawnDaemon(() -> {
                    while (true) {
                        Datagram d = server.recvFrom(1500);
                        server.sendTo(d.data(), d.sender());
                    }
                });
                client.bind(new InetSocketAddress(host, 0));
                for (String msg : List.of("one", "two", "three")) {
                    client.sendTo(msg.getBytes(StandardCharsets.US_ASCII), server.localAddress());
                    Datagram reply = client.recvFrom(1500);
                    assertEquals(msg, new String(reply.data(), StandardCharsets.US_ASCII));
                    assertEquals(server.localAddress(), reply.sender());
                    assertEquals(java.net.InetAddress.getByName(host),
                            ((InetSocketAddress) reply.sender()).getAddress(), "the family travels with the socket");
                }
            }
        });
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @EachBackend
    void tenThousandConnectCloseCyclesLeakNoDescriptor(String carrier) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")),
                "counting descriptors needs /proc (Linux)");
        long[] counts = new long[2];
        Kernels.run(carrier, () -> {
            int port = serve((client, from) -> client.recv(1));
            for (int i = 0; i < 100; i++) { // warm up: lazy JDK resources open their own fds once
                Net.openConnection("127.0.0.1", port).close();
            }
            Curio.sleep(Duration.ofMillis(50));
            counts[0] = openFds();
            for (int i = 0; i < 10_000; i++) {
                Net.openConnection("127.0.0.1", port).close();
            }
            Curio.sleep(Duration.ofMillis(200)); // server tasks see end of stream and close their side
            counts[1] = openFds();
        });
        assertTrue(counts[1] - counts[0] <= 5, "descriptors before " + counts[0] + ", after " + counts[1]);
    }
}
