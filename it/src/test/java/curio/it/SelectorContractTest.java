package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskState;
import curio.api.TaskTimeout;
import curio.api.spi.Providers;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.SelectorProvider;
import curio.api.trap.Traps;
import curio.net.Net;
import curio.net.Socket;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Backend conformance with a kernel on top: the same tests for every installed selector and both
 * carriers. The SPI-level contract ({@code curio.test.SelectorContract}) runs in each backend's
 * own module; the whole curio.net suite also runs per backend, in curio.net's own tests.
 */
class SelectorContractTest {

    @EachBackend
    void aThreadCompletingAFutureWakesTheKernel(String backend) {
        try (Kernel k = Kernels.realTime(backend)) {
            assertEquals("done", k.run(() -> {
                CompletableFuture<String> f = new CompletableFuture<>();
                Thread.ofPlatform().start(() -> f.complete("done"));
                return Traps.futureWait(f, null);
            }));
        }
    }

    private static Socket[] pair(Socket listener) throws IOException {
        Socket client = Socket.tcp();
        client.connect(listener.localAddress());
        return new Socket[] {client, listener.accept()};
    }

    @EachBackend
    void fiveHundredHandlesAtOnce(String backend) {
        Kernels.run(backend, () -> {
            try (Socket listener = Net.tcpServerSocket("127.0.0.1", 0)) {
                List<Socket[]> pairs = new ArrayList<>();
                List<Task<byte[]>> readers = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    Socket[] p = pair(listener);
                    pairs.add(p);
                    readers.add(Curio.spawn(() -> p[1].recv(10)));
                }
                Curio.schedule();
                for (int i = 0; i < pairs.size(); i += 2) { // every other one gets data
                    pairs.get(i)[0].sendAll(new byte[] {(byte) i});
                }
                Curio.sleep(Duration.ofMillis(50));
                for (int i = 0; i < readers.size(); i++) {
                    Task<byte[]> r = readers.get(i);
                    if (i % 2 == 0) {
                        assertEquals((byte) i, r.join()[0]);
                    } else {
                        assertEquals(TaskState.READ_WAIT, r.state(), "no readiness without data");
                        r.cancel();
                    }
                }
                for (Socket[] p : pairs) {
                    p[0].close();
                    p[1].close();
                }
            }
        });
    }

    @EachBackend
    void interestChangesBetweenDirections(String backend) {
        Kernels.run(backend, () -> {
            try (Socket listener = Net.tcpServerSocket("127.0.0.1", 0)) {
                Socket[] p = pair(listener);
                Task<?> reader = Curio.spawn(() -> Curio.timeoutAfter(Duration.ofMillis(20), () -> p[1].recv(1)));
                reader.awaitTermination();
                assertInstanceOf(TaskTimeout.class, reader.exception());
                Traps.writeWait(p[1].raw()); // writable at once
                p[0].sendAll(new byte[] {42});
                assertEquals(42, p[1].recv(1)[0], "reading again after a write wait");
                p[0].close();
                assertEquals(0, p[1].recv(1).length);
                p[1].close();
            }
        });
    }

    @EachBackend
    void handlesReadAndWriteAtOffsetsAndRefuseRangesOutsideTheArray(String backend) {
        Kernels.run(backend, () -> {
            try (Socket listener = Net.tcpServerSocket("127.0.0.1", 0)) {
                Socket[] p = pair(listener);
                curio.api.spi.SocketHandle out = p[0].raw();
                curio.api.spi.SocketHandle in = p[1].raw();
                byte[] data = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
                assertEquals(4, out.write(data, 3, 4));
                assertEquals(3, out.write(data, 0, 3)); // the same array again, now from its start
                byte[] buf = new byte[16];
                int got = 0;
                while (got < 7) {
                    Traps.readWait(in);
                    int n = in.read(buf, 5 + got, 7 - got);
                    got += Math.max(n, 0);
                }
                assertEquals(java.util.List.of(0, 0, 0, 0, 0, 3, 4, 5, 6, 0, 1, 2, 0, 0, 0, 0),
                        java.util.stream.IntStream.range(0, 16).mapToObj(i -> (int) buf[i]).toList());
                org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                        () -> in.read(buf, 10, 7), "7 bytes from 10 would run past a 16-byte array");
                org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                        () -> out.write(new byte[4], -1, 2));
                p[0].close();
                p[1].close();
            }
        });
    }

    @EachBackend
    void closingAHandleWakesItsWaiterWithAnError(String backend) {
        Kernels.run(backend, () -> {
            try (Socket listener = Net.tcpServerSocket("127.0.0.1", 0)) {
                Socket[] p = pair(listener);
                Task<?> reader = Curio.spawn(() -> p[1].recv(10));
                Curio.schedule();
                p[1].close();
                reader.awaitTermination();
                assertInstanceOf(IOException.class, reader.exception());
                p[0].close();
            }
        });
    }

    private static long openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @EachBackend
    void kernelsOpenedAndClosedInALoopLeakNothing(String backend) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counting descriptors needs /proc");
        for (int i = 0; i < 20; i++) { // warm up
            Kernels.run(backend, () -> Socket.tcp().close());
        }
        long before = openFds();
        for (int i = 0; i < 300; i++) {
            Kernels.run(backend, () -> {
                Socket left = Socket.tcp(); // left open on purpose: kernel shutdown must release it
                left.bind(new InetSocketAddress("127.0.0.1", 0));
            });
        }
        long after = openFds();
        assertTrue(after - before <= 5, backend + ": descriptors before " + before + ", after " + after);
    }
}
