package curio.bench.net;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.bench.baseline.NettyEchoServer;
import curio.net.Net;
import curio.net.Socket;
import curio.net.SocketStream;
import curio.net.TlsOptions;
import curio.test.SelfSigned;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TLS echo: curio-java's TLS server as a user writes it ({@code Net.tcpServer} with
 * {@code TlsOptions.server}, the handler looping on {@code recv} + {@code sendAll}) against Netty's
 * {@code SslHandler} on the same JDK provider, TLS 1.3, on one thread each. The client is the same for
 * both: one curio kernel on a thread of its own (pinned to CPU 1, the servers to CPU 0 as in
 * {@link EchoBenchmark}), one task per connection writing a message and reading its echo, closed loop.
 * <pre>
 * java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar curio.bench.net.TlsEchoBenchmark [connections=100] [size=1024]
 *      [seconds=3] [rounds=3]
 * </pre>
 */
public final class TlsEchoBenchmark {

    /** The servers compared. */
    public static final List<String> SERVERS = List.of("netty-epoll-tls", "curio-epoll-continuation-tls",
            "curio-epoll-virtual-tls");

    private TlsEchoBenchmark() {}

    /** The key material, made once per JVM. */
    static SelfSigned certificate() throws Exception {
        Path dir = Files.createTempDirectory("curio-tls-bench");
        return SelfSigned.create(dir, "localhost", "ip:127.0.0.1");
    }

    /** Starts a server by name with the certificate. */
    static EchoServer start(String name, SelfSigned cert) throws Exception {
        if (name.equals("netty-epoll-tls")) {
            return NettyEchoServer.tls(cert.keys(), cert.password());
        }
        String[] parts = name.split("-");
        if (parts.length != 4 || !parts[0].equals("curio") || !SERVERS.contains(name)) {
            throw new IllegalArgumentException("unknown server " + name + "; known: " + SERVERS);
        }
        TlsOptions options = TlsOptions.server(cert.keys(), cert.password());
        return new CurioEchoServer("tls", at -> Net.tcpServer("127.0.0.1", at.getPort(), (client, from) -> {
            for (byte[] data = client.recv(100_000); data.length > 0; data = client.recv(100_000)) {
                client.sendAll(data);
            }
        }, options), parts[1], parts[2]);
    }

    /**
     * Drives a TLS echo server and measures it.
     *
     * @param protocol receives the negotiated protocol (e.g. {@code TLSv1.3}) of the first connection
     */
    static LoadGenerator.Result measure(InetSocketAddress at, TlsOptions client, int connections, int size,
            Duration warmup, Duration measure, boolean pin, String[] protocol) throws Exception {
        if (pin) {
            Affinity.splitProcess(1, 0);
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long me = Thread.currentThread().threadId();
        long[] latencies = new long[2_000_000];
        int[] recorded = {0};
        long[] messages = {0};
        boolean[] measuring = {false};
        try (Kernel k = Kernel.builder().selector("epoll").carrier("continuation").build()) {
            return k.run(() -> {
                byte[] message = new byte[size];
                Arrays.fill(message, (byte) 'x');
                List<Task<?>> clients = new ArrayList<>();
                try {
                    for (int i = 0; i < connections; i++) {
                        clients.add(Curio.spawn(() -> {
                            try (SocketStream s = Net.openConnection("127.0.0.1", at.getPort(), client)) {
                                if (protocol[0] == null) {
                                    protocol[0] = ((Socket) s.socket()).tls().engine().getSession().getProtocol();
                                }
                                while (true) {
                                    long t0 = System.nanoTime();
                                    s.write(message);
                                    s.readExactly(size);
                                    if (measuring[0]) {
                                        messages[0]++;
                                        if (recorded[0] < latencies.length) {
                                            latencies[recorded[0]++] = System.nanoTime() - t0;
                                        }
                                    }
                                }
                            }
                        }));
                    }
                    Curio.sleep(warmup);
                    if (pin) {
                        Affinity.splitProcess(1, 0);
                    }
                    long cpu0 = os.getProcessCpuTime() - threads.getThreadCpuTime(me);
                    long alloc0 = threads.getTotalThreadAllocatedBytes() - threads.getThreadAllocatedBytes(me);
                    long t0 = System.nanoTime();
                    measuring[0] = true;
                    Curio.sleep(measure);
                    measuring[0] = false;
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long cpu = os.getProcessCpuTime() - threads.getThreadCpuTime(me) - cpu0;
                    long alloc = threads.getTotalThreadAllocatedBytes() - threads.getThreadAllocatedBytes(me) - alloc0;
                    for (Task<?> t : clients) {
                        if (t.terminated()) { // a client that ended by itself failed: say why
                            throw new IllegalStateException("a TLS client failed", t.exception());
                        }
                    }
                    long[] sorted = Arrays.copyOf(latencies, recorded[0]);
                    Arrays.sort(sorted);
                    long p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
                    long p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))];
                    return new LoadGenerator.Result(messages[0], seconds, p50, p99, cpu, alloc);
                } finally {
                    for (Task<?> t : clients) {
                        t.cancel();
                    }
                }
            });
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args connections, message size, seconds, rounds
     */
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        Duration seconds = Duration.ofMillis((long) (1000 * (args.length > 2 ? Double.parseDouble(args[2]) : 3)));
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        boolean pin = Affinity.unavailableReason() == null;
        SelfSigned cert = certificate();
        TlsOptions client = TlsOptions.client(cert.trust());
        Map<String, List<LoadGenerator.Result>> runs = new LinkedHashMap<>();
        String[] protocol = new String[1];
        for (int round = 0; round < rounds; round++) {
            for (String name : SERVERS) {
                try (EchoServer server = start(name, cert)) {
                    runs.computeIfAbsent(name, n -> new ArrayList<>()).add(measure(server.address(), client,
                            connections, size, Duration.ofSeconds(1), seconds, pin, protocol));
                }
            }
        }
        System.out.printf(Locale.ROOT, "TLS echo, %d x %d B, %s, %s%n", connections, size, protocol[0],
                pin ? "client pinned to CPU 1, servers to CPU 0" : "not pinned");
        LoadGenerator.Result netty = EchoBenchmark.median(runs.get("netty-epoll-tls"));
        for (var e : runs.entrySet()) {
            EchoBenchmark.report(e.getKey(), connections + "x" + size, EchoBenchmark.median(e.getValue()), netty);
        }
    }
}
