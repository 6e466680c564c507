package curio.bench.net;

import curio.api.Kernel;
import curio.net.Channel;
import curio.net.Connection;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Messages per second through curio-java's {@code Channel} (an authenticated {@code Connection}, each
 * message a 4-byte length and its bytes, as Curio frames them) against what a Java developer writes
 * without it: a plain socket per side with {@code DataOutputStream.writeInt} + {@code write} + {@code flush}
 * per message and {@code DataInputStream.readInt} + {@code readFully}, on platform threads. One client
 * sends N messages as fast as each is taken, the server counts them and answers the last; both sides
 * send every message at once (one system call each), neither batches, and both keep the sockets'
 * default options (Nagle's algorithm on, as curio's Channel leaves it).
 * <pre>
 * java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar curio.bench.net.ChannelBenchmark [messages=500000] [size=64] [rounds=3]
 * </pre>
 * Python's Curio 1.6 is the natural peer; it is measured when {@code python3 -c 'import curio'} works
 * (it does not on the machine of the published figures: see bench/README.md).
 */
public final class ChannelBenchmark {

    private static final byte[] KEY = "bench".getBytes(StandardCharsets.US_ASCII);

    private ChannelBenchmark() {}

    /** What one run measured: messages, seconds, and the process's CPU seconds over the run. */
    record Run(long messages, double seconds, double cpuSeconds) {
        double perSecond() {
            return messages / seconds;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** curio-java: a server kernel on one thread, a client kernel on this one, a Channel between them. */
    static Run curio(int messages, int size, String carrier) throws Exception {
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        CompletableFuture<Long> served = new CompletableFuture<>();
        Thread server = Thread.ofPlatform().name("channel-server").start(() -> {
            try (Kernel k = Kernel.builder().selector("epoll").carrier(carrier).build()) {
                k.run(() -> {
                    Channel channel = new Channel(new InetSocketAddress("127.0.0.1", 0));
                    channel.bind();
                    bound.complete((InetSocketAddress) channel.address());
                    try (channel; Connection c = channel.accept(KEY)) {
                        long count = 0;
                        for (byte[] m = c.recvBytes(); m.length > 0; m = c.recvBytes()) {
                            count++;
                        }
                        c.sendBytes(new byte[] {1});
                        served.complete(count);
                    }
                });
            } catch (Throwable t) {
                bound.completeExceptionally(t);
                served.completeExceptionally(t);
            }
        });
        InetSocketAddress at = bound.get();
        Run run;
        try (Kernel k = Kernel.builder().selector("epoll").carrier(carrier).build()) {
            run = k.run(() -> {
                try (Connection c = new Channel(at).connect(KEY)) {
                    byte[] message = new byte[size];
                    long cpu0 = OS.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < messages; i++) {
                        c.sendBytes(message);
                    }
                    c.sendBytes(new byte[0]); // the end
                    c.recvBytes();
                    return new Run(messages, (System.nanoTime() - t0) / 1e9, (OS.getProcessCpuTime() - cpu0) / 1e9);
                }
            });
        }
        server.join();
        if (served.get() != messages) {
            throw new IllegalStateException("the server took " + served.get() + " messages of " + messages);
        }
        return run;
    }

    /** The plain Java peer: blocking sockets, one platform thread per side, the same framing. */
    static Run plain(int messages, int size) throws Exception {
        CompletableFuture<Long> served = new CompletableFuture<>();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofPlatform().name("plain-server").start(() -> {
                try (java.net.Socket s = listener.accept()) {
                    DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 65536));
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    byte[] buf = new byte[size];
                    long count = 0;
                    for (int n = in.readInt(); n > 0; n = in.readInt()) {
                        if (n > buf.length) {
                            buf = new byte[n];
                        }
                        in.readFully(buf, 0, n);
                        count++;
                    }
                    out.writeInt(1);
                    out.write(1);
                    served.complete(count);
                } catch (IOException | RuntimeException e) {
                    served.completeExceptionally(e);
                }
            });
            Run run;
            try (java.net.Socket s = new java.net.Socket(listener.getInetAddress(), listener.getLocalPort())) {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 65536));
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] message = new byte[size];
                long cpu0 = OS.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    out.writeInt(size);
                    out.write(message);
                    out.flush();
                }
                out.writeInt(0);
                out.flush();
                in.readFully(new byte[5]);
                run = new Run(messages, (System.nanoTime() - t0) / 1e9, (OS.getProcessCpuTime() - cpu0) / 1e9);
            }
            server.join();
            if (served.get() != messages) {
                throw new IllegalStateException("the server took " + served.get() + " messages of " + messages);
            }
            return run;
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args messages, message size, rounds
     */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        curio(messages / 10, size, "continuation"); // warm-up
        plain(messages / 10, size);
        System.out.printf(Locale.ROOT, "%-28s %6s %14s %14s%n", "sender -> receiver", "round", "msgs/s", "cpu us/msg");
        for (int round = 1; round <= rounds; round++) {
            print("curio Channel, continuation", round, curio(messages, size, "continuation"));
            print("curio Channel, virtual", round, curio(messages, size, "virtual"));
            print("plain framed socket", round, plain(messages, size));
        }
    }

    private static void print(String what, int round, Run r) {
        System.out.printf(Locale.ROOT, "%-28s %6d %14.0f %14.2f%n", what, round, r.perSecond(), r.cpuSeconds() * 1e6 / r.messages());
    }
}
