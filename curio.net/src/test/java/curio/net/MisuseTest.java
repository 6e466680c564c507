package curio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskError;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Issue 13: misuse and bad input get a clear exception, the same on every backend, naming the call. */
class MisuseTest {

    private static final byte[] LINE = "line\n".getBytes(StandardCharsets.US_ASCII);

    @EachBackend
    void aPlainThreadIsRefusedEvenWhenTheBytesAreAlreadyThere(String backend) {
        Kernels.run(backend, () -> {
            Socket[] pair = Socket.pair();
            try (Socket a = pair[0]; Socket b = pair[1]) {
                a.sendAll(LINE);
                a.sendAll(LINE);
                SocketStream stream = b.asStream();
                assertArrayEquals(LINE, stream.readLine()); // the second line now sits in the buffer
                Curio.sleep(Duration.ofMillis(10));
                String[] refused = Curio.runInThread(() -> new String[] {
                        assertThrows(IllegalStateException.class, stream::readLine).getMessage(),
                        assertThrows(IllegalStateException.class, () -> b.recv(10)).getMessage(),
                        assertThrows(IllegalStateException.class, () -> a.sendAll(LINE)).getMessage()});
                assertTrue(refused[0].startsWith("SocketStream.readLine() called outside a task"), refused[0]);
                assertTrue(refused[1].startsWith("Socket.recv() called outside a task"), refused[1]);
                assertTrue(refused[2].startsWith("Socket.sendAll() called outside a task"), refused[2]);
                assertTrue(refused[1].contains("Curio.spawnThread(...) through AsyncThread.await")
                        && refused[1].contains("Socket.blocking()"), "the ways that fit a plain thread: " + refused[1]);
                String connect = Curio.runInThread(() -> assertThrows(IllegalStateException.class,
                        () -> Net.openConnection("localhost", 7)).getMessage());
                assertTrue(connect.startsWith("Net.openConnection() called outside a task"), connect);
                assertArrayEquals(LINE, stream.readLine(), "nothing was consumed by the refused calls");
            }
        });
    }

    @EachBackend
    void badSizesAreRefusedAndHugeOnesAreHarmless(String backend) {
        Kernels.run(backend, () -> {
            try (Socket u = Socket.udp()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> u.recvFrom(-1));
                assertTrue(e.getMessage().startsWith("Socket.recvFrom(): maxBytes must not be negative, got -1"), e.getMessage());
            }
            Socket[] pair = Socket.pair();
            try (Socket a = pair[0]; Socket b = pair[1]) {
                assertThrows(IllegalArgumentException.class, () -> b.recv(-1));
                a.sendAll(LINE);
                assertArrayEquals(LINE, b.recv(Integer.MAX_VALUE), "only what arrived is allocated");
            }
        });
    }

    @EachBackend
    void aSocketClosedUnderAWaitingTaskSaysWhichAndWho(String backend) {
        Kernels.run(backend, () -> {
            Socket[] pair = Socket.pair();
            try (Socket a = pair[0]) {
                Socket b = pair[1];
                Task<byte[]> reader = Curio.spawn(() -> b.recv(10));
                Curio.sleep(Duration.ofMillis(10));
                b.close();
                TaskError failed = assertThrows(TaskError.class, reader::join);
                ClosedChannelException closed = assertInstanceOf(ClosedChannelException.class, failed.getCause());
                assertTrue(closed.getMessage() != null && closed.getMessage().contains("was closed while task "
                        + reader.id() + " waited on it"), String.valueOf(closed.getMessage()));
            }
        });
    }

    @EachBackend
    void aSocketOfAnotherKernelIsRefused(String backend) throws Exception {
        CompletableFuture<Socket> fromA = new CompletableFuture<>();
        CompletableFuture<Void> doneB = new CompletableFuture<>();
        Thread kernelA = Thread.ofPlatform().start(() -> Kernels.run(backend, () -> {
            try (Socket listener = Socket.tcp()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.listen(1);
                fromA.complete(listener);
                curio.api.trap.Traps.futureWait(doneB, null);
            }
        }));
        try (Kernel kernelB = Kernels.realTime(backend)) {
            String message = kernelB.run(() -> {
                Socket foreign = curio.api.trap.Traps.futureWait(fromA, null);
                return assertThrows(IllegalStateException.class, foreign::accept).getMessage();
            });
            assertTrue(message.contains("belongs to another kernel"), message);
        } finally {
            doneB.complete(null);
            kernelA.join();
        }
    }

    /** What kernel A hands to a task of kernel B: a connected pair, a stream with a line buffered, a file. */
    private record Foreign(Socket a, Socket b, SocketStream stream, curio.file.AsyncFile file) {}

    @EachBackend
    void everyCallOnAnotherKernelsSocketStreamOrFileIsRefusedBeforeAnythingChanges(String backend) throws Exception {
        java.nio.file.Path path = java.nio.file.Files.createTempFile("misuse", ".txt");
        java.nio.file.Files.write(path, LINE);
        CompletableFuture<Foreign> fromA = new CompletableFuture<>();
        CompletableFuture<Void> doneB = new CompletableFuture<>();
        CompletableFuture<Throwable> checkedA = new CompletableFuture<>();
        Thread kernelA = Thread.ofPlatform().start(() -> {
            try {
                Kernels.run(backend, () -> {
                    Socket[] pair = Socket.pair();
                    Socket a = pair[0];
                    Socket b = pair[1];
                    b.sendAll(LINE);
                    b.sendAll(LINE);
                    SocketStream stream = a.asStream();
                    Curio.sleep(Duration.ofMillis(10));
                    assertArrayEquals(LINE, stream.readLine()); // the second line now sits in the buffer
                    curio.file.AsyncFile file = curio.file.AsyncFile.open(path);
                    Task<byte[]> waiting = Curio.spawn(() -> b.recv(10)); // a task of A waits on b
                    Curio.sleep(Duration.ofMillis(10));
                    fromA.complete(new Foreign(a, b, stream, file));
                    curio.api.trap.Traps.futureWait(doneB, null);
                    assertTrue(!a.isClosed() && !b.isClosed(), "the refused closes closed nothing");
                    a.sendAll(LINE);
                    assertArrayEquals(LINE, waiting.join(), "the waiting task was neither lost nor disturbed");
                    assertArrayEquals(LINE, stream.readLine(), "the buffered line was not consumed");
                    assertArrayEquals(LINE, file.readLine(), "the file was neither read nor closed");
                    file.close();
                    stream.close();
                    b.close();
                });
                checkedA.complete(null);
            } catch (Throwable t) {
                checkedA.complete(t);
            }
        });
        try (Kernel kernelB = Kernels.realTime(backend)) {
            List<String> refused = kernelB.run(() -> {
                Foreign f = curio.api.trap.Traps.futureWait(fromA, null);
                List<org.junit.jupiter.api.function.Executable> calls = List.of(
                        () -> f.a().recv(10), () -> f.a().sendAll(LINE), () -> f.b().recv(10),
                        () -> f.a().recvInto(new byte[10], 0, 10), () -> f.a().send(LINE),
                        () -> f.a().setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4096),
                        () -> f.a().localAddress(), () -> f.a().shutdownOutput(),
                        f.stream()::readLine, () -> f.stream().read(10), () -> f.stream().write(LINE),
                        f.stream()::close, f.a()::close, f.b()::close,
                        f.file()::readLine, f.file()::size, f.file()::close);
                List<String> messages = new java.util.ArrayList<>();
                for (var call : calls) {
                    messages.add(assertThrows(IllegalStateException.class, call).getMessage());
                }
                return messages;
            });
            for (String message : refused) {
                assertTrue(message.contains("belongs to another kernel"), message);
            }
        } finally {
            doneB.complete(null);
            kernelA.join();
            java.nio.file.Files.deleteIfExists(path);
        }
        if (checkedA.get() != null) {
            throw new AssertionError("kernel A saw a change", checkedA.get());
        }
    }

    @EachBackend
    void aRefusedCloseFromAPlainThreadLeavesTheSocketOpenForATaskToClose(String backend) {
        Kernels.run(backend, () -> {
            Socket[] pair = Socket.pair();
            Socket a = pair[0];
            Socket b = pair[1];
            SocketStream stream = b.asStream();
            String[] refused = Curio.runInThread(() -> new String[] {
                    assertThrows(IllegalStateException.class, b::close).getMessage(),
                    assertThrows(IllegalStateException.class, stream::close).getMessage()});
            assertTrue(refused[0].startsWith("Socket.close() called outside a task"), refused[0]);
            assertTrue(refused[1].startsWith("SocketStream.close() called outside a task"), refused[1]);
            assertTrue(!b.isClosed(), "a refused close changes nothing");
            stream.close();
            assertTrue(b.isClosed(), "the close in a task closes it");
            assertEquals(0, a.recv(10).length, "and the peer sees the end: the descriptor was released");
            a.close();
        });
    }

    @EachBackend
    void aServerWithClientTlsOptionsIsRefusedBeforeItBinds(String backend) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.run(backend,
                () -> Net.tcpServer("127.0.0.1", port, (client, from) -> {}, TlsOptions.client())));
        assertTrue(e.getMessage().startsWith("tcpServer() needs server TLS options"), e.getMessage());
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port)); // the port was never taken
            assertEquals(port, again.getLocalPort());
        }
    }

    /** Issue 13 item 13: Curio's sock.blocking(), for blocking code in an async thread, with the wall kept. */
    @EachBackend
    void blockingCodeUsesASocketFromAnAsyncThreadOnly(String backend) {
        Kernels.run(backend, () -> {
            Socket[] pair = Socket.pair();
            try (Socket a = pair[0]; Socket b = pair[1]) {
                assertThrows(IllegalStateException.class, a::blocking, "a task must not block");
                Task<String> legacy = Curio.spawnThread(() -> {
                    try (BlockingSocket view = b.blocking()) {
                        java.io.BufferedReader reader = new java.io.BufferedReader(
                                new java.io.InputStreamReader(view.inputStream(), StandardCharsets.US_ASCII));
                        String line = reader.readLine(); // a plain blocking read, in the async thread
                        view.outputStream().write(("got " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                        return line;
                    }
                });
                a.sendAll(LINE);
                assertArrayEquals("got line\n".getBytes(StandardCharsets.US_ASCII), a.asStream().readLine());
                assertEquals("line", legacy.join());
                String plain = Curio.runInThread(() -> assertThrows(IllegalStateException.class, b::blocking).getMessage());
                assertTrue(plain.contains("Curio.spawnThread"), plain);
            }
        });
    }
}
