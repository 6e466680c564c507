package curio.bench.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;

/**
 * A closed-loop echo load generator on one thread of its own: N connections, each sends an S-byte
 * message and waits for the whole echo before sending the next. Every message is one line of text (S-1
 * printable bytes and a {@code '\n'}), so byte servers and line servers ({@code readLine} + {@code write})
 * serve the same load. It can target any host:port, so other servers can be measured with it too.
 */
public final class LoadGenerator {

    /**
     * What one run measured. {@code otherCpuNanos} is the CPU time the rest of the process used while
     * measuring (the process's CPU time minus this generator thread's): for a server in the same JVM,
     * what the server spent, JIT and GC included. It tells how hard a server worked for its messages
     * even when the generator, not the server, sets the pace.
     */
    public record Result(long messages, double seconds, long p50Nanos, long p99Nanos, long otherCpuNanos,
            long otherAllocatedBytes) {
        /** Messages echoed per second. */
        public double perSecond() {
            return messages / seconds;
        }

        /** The rest of the process's CPU time per message, in microseconds. */
        public double otherCpuMicrosPerMessage() {
            return messages == 0 ? 0 : otherCpuNanos / 1e3 / messages;
        }

        /**
         * The heap the rest of the process allocated per message, in bytes (every thread's allocation
         * counter, this generator thread's excluded): for a server in the same JVM, what it allocated
         * to echo one message.
         */
        public double otherBytesPerMessage() {
            return messages == 0 ? 0 : (double) otherAllocatedBytes / messages;
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** CPU used by the process except the calling thread, in ns. */
    private static long otherCpu() {
        return OS.getProcessCpuTime() - THREADS.getCurrentThreadCpuTime();
    }

    /** Heap allocated by the process except the calling thread, in bytes. */
    private static long otherAllocated() {
        return THREADS.getTotalThreadAllocatedBytes() - THREADS.getCurrentThreadAllocatedBytes();
    }

    private static final int MAX_SAMPLES = 2_000_000;

    private LoadGenerator() {}

    private static final class Conn {
        final SocketChannel ch;
        final ByteBuffer out;
        final ByteBuffer in;
        long sentAt;

        Conn(SocketChannel ch, int size) {
            this.ch = ch;
            this.out = ByteBuffer.allocate(size);
            this.in = ByteBuffer.allocate(size);
            for (int i = 0; i < size - 1; i++) {
                out.put(i, (byte) ('a' + i % 26));
            }
            out.put(size - 1, (byte) '\n');
        }
    }

    /**
     * Runs a warm-up, then measures.
     *
     * @param target the echo server
     * @param connections how many connections at once
     * @param size message size in bytes
     */
    public static Result run(InetSocketAddress target, int connections, int size, Duration warmup, Duration measure)
            throws IOException {
        return run(target, connections, size, warmup, measure, false);
    }

    /**
     * Runs a warm-up, then measures; with {@code pin}, the generator takes CPU 1 and every other thread
     * of the process CPU 0 (see {@link Affinity}), at the start and again when measuring starts.
     */
    public static Result run(InetSocketAddress target, int connections, int size, Duration warmup, Duration measure,
            boolean pin) throws IOException {
        return run(target, connections, size, warmup, measure, pin, () -> {});
    }

    /** As {@link #run(InetSocketAddress, int, int, Duration, Duration, boolean)}, calling {@code atMeasure} when measuring starts. */
    static Result run(InetSocketAddress target, int connections, int size, Duration warmup, Duration measure,
            boolean pin, Runnable atMeasure) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a message is at least its newline: size must be >= 1, got " + size);
        }
        if (pin) {
            Affinity.splitProcess(1, 0);
        }
        long[] samples = new long[MAX_SAMPLES];
        int recorded = 0;
        long messages = 0;
        try (Selector sel = Selector.open()) {
            Conn[] conns = new Conn[connections];
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(target);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                conns[i] = new Conn(ch, size);
                ch.register(sel, SelectionKey.OP_READ, conns[i]);
            }
            for (Conn c : conns) {
                send(c, sel);
            }
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long end = measureFrom + measure.toNanos();
            long measuredStart = 0;
            long cpuAtStart = 0;
            long allocatedAtStart = 0;
            boolean measuring = false;
            while (true) {
                long now = System.nanoTime();
                if (!measuring && now >= measureFrom) {
                    if (pin) {
                        Affinity.splitProcess(1, 0); // threads born during the warm-up
                    }
                    measuring = true;
                    atMeasure.run();
                    measuredStart = System.nanoTime();
                    cpuAtStart = otherCpu();
                    allocatedAtStart = otherAllocated();
                }
                if (now >= end) {
                    double seconds = (now - measuredStart) / 1e9;
                    long cpu = otherCpu() - cpuAtStart;
                    long allocated = otherAllocated() - allocatedAtStart;
                    long[] sorted = Arrays.copyOf(samples, recorded);
                    Arrays.sort(sorted);
                    long p50 = sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.50)];
                    long p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))];
                    for (Conn c : conns) {
                        c.ch.close();
                    }
                    return new Result(messages, seconds, p50, p99, cpu, allocated);
                }
                sel.select(100);
                for (var it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Conn c = (Conn) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        c.ch.write(c.out);
                        if (!c.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (key.isValid() && key.isReadable()) {
                        if (c.ch.read(c.in) < 0) {
                            throw new IOException("the server closed a connection");
                        }
                        if (!c.in.hasRemaining()) {
                            long latency = System.nanoTime() - c.sentAt;
                            if (measuring) {
                                messages++;
                                if (recorded < MAX_SAMPLES) {
                                    samples[recorded++] = latency;
                                }
                            }
                            c.in.clear();
                            send(c, sel);
                        }
                    }
                }
            }
        }
    }

    private static void send(Conn c, Selector sel) throws IOException {
        c.out.clear();
        c.sentAt = System.nanoTime();
        c.ch.write(c.out);
        if (c.out.hasRemaining()) {
            c.ch.keyFor(sel).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    /**
     * Runs the generator in a JVM of its own, for cases with more connections than one process may hold
     * the descriptors of at both ends (10,000 connections are 20,000 descriptors). The figures about the
     * server are then this whole process's: its CPU time and heap allocation over the child's measuring
     * window, which the child announces on its output.
     */
    static Result runForked(InetSocketAddress target, int connections, int size, Duration warmup, Duration measure,
            boolean pin) throws IOException, InterruptedException {
        if (pin) {
            Affinity.splitProcess(0, 0); // the server's side: every thread here on CPU 0; the child takes CPU 1
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), LoadGenerator.class.getName(), target.getHostString(),
                String.valueOf(target.getPort()), String.valueOf(connections), String.valueOf(size),
                String.valueOf(warmup.toMillis()), String.valueOf(measure.toMillis()), String.valueOf(pin))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            long cpu0 = 0;
            long allocated0 = 0;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("measuring")) {
                    cpu0 = OS.getProcessCpuTime();
                    allocated0 = THREADS.getTotalThreadAllocatedBytes();
                } else if (line.startsWith("result ")) {
                    long cpu = OS.getProcessCpuTime() - cpu0;
                    long allocated = THREADS.getTotalThreadAllocatedBytes() - allocated0;
                    String[] f = line.split(" ");
                    return new Result(Long.parseLong(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4]), cpu, allocated);
                }
            }
            throw new IOException("the forked load generator ended without a result (exit " + child.waitFor() + ")");
        } finally {
            child.destroy();
        }
    }

    /**
     * The forked generator: {@code host port connections size warmupMs measureMs pin}. Prints
     * {@code measuring} when measuring starts and {@code result messages seconds p50 p99} at the end.
     *
     * @param args see above
     */
    public static void main(String[] args) throws Exception {
        int connections = Integer.parseInt(args[2]);
        curio.bench.FdLimit.ensure(connections + 1024);
        Result r = run(new InetSocketAddress(args[0], Integer.parseInt(args[1])), connections, Integer.parseInt(args[3]),
                Duration.ofMillis(Long.parseLong(args[4])), Duration.ofMillis(Long.parseLong(args[5])),
                Boolean.parseBoolean(args[6]), () -> {
                    System.out.println("measuring");
                    System.out.flush();
                });
        System.out.println("result " + r.messages() + " " + r.seconds() + " " + r.p50Nanos() + " " + r.p99Nanos());
    }
}
