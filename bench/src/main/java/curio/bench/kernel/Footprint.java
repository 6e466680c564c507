package curio.bench.kernel;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.bench.net.CurioEchoServer;
import curio.net.Net;
import curio.net.Socket;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap per idle task (1,000,000 tasks asleep), per idle socket (10,000 open sockets, each connection's
 * server side waiting in a read) and per idle connection to the servers users write (the README's echo
 * server and line server, 10,000 clients in another process that each echoed one line and went quiet),
 * per carrier: the heap in use after full GCs, before and while they wait, divided by their number.
 * Connections are measured three times, with a fresh server each: cold, then warm.
 * <pre>
 * java -Xmx8g --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar curio.bench.kernel.Footprint [tasks] [sockets] [connections]
 * </pre>
 */
public final class Footprint {

    private Footprint() {}

    private static final int CONNECTION_ROUNDS = 3; // a fresh server each, in one JVM

    /**
     * The live heap once it has settled: full collections until two readings 50 ms apart agree within 64 KiB
     * (at most 3 s). Memory another thread lets go of a moment later (a peer's event loop ending after an
     * earlier benchmark, its pooled chunks with it) would otherwise count against what is measured, and a
     * 16 MiB chunk freed between the two readings made 200 idle connections cost -80 KB each.
     */
    private static long usedHeap() throws InterruptedException {
        long last = Long.MIN_VALUE;
        for (int tries = 0; tries < 60; tries++) {
            for (int i = 0; i < 2; i++) {
                System.gc();
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) <= 64 << 10) {
                return used;
            }
            last = used;
            Thread.sleep(50);
        }
        return last;
    }

    /**
     * Prints bytes per idle task and per idle socket for each carrier.
     *
     * @param args optional number of tasks (1,000,000) and of sockets (10,000)
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("clients")) {
            clients(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        curio.bench.FdLimit.ensure(Math.max(sockets, connections) + 1024); // the sockets are closed before the connections open
        for (String carrier : List.of("continuation", "virtual")) {
            try (Kernel k = Kernel.builder().carrier(carrier).build()) {
                long[] perTask = new long[1];
                long[] perSocket = new long[1];
                k.run(() -> {
                    long before = usedHeap();
                    for (int i = 0; i < tasks; i++) {
                        Curio.spawnDaemon(() -> Curio.sleep(Duration.ofDays(1)));
                    }
                    Curio.schedule(); // every task starts and suspends in its sleep
                    perTask[0] = (usedHeap() - before) / tasks;
                });
                k.run(() -> {
                    long before = usedHeap();
                    List<Socket> open = new ArrayList<>();
                    List<Task<?>> readers = new ArrayList<>();
                    try (Socket listener = Net.tcpServerSocket("127.0.0.1", 0, 4096, false)) {
                        for (int i = 0; i < sockets / 2; i++) {
                            Socket c = Socket.tcp();
                            c.connect(listener.localAddress());
                            Socket s = listener.accept();
                            readers.add(Curio.spawnDaemon(() -> s.recv(1))); // idle: a task waiting to read
                            open.add(c);
                            open.add(s);
                        }
                        Curio.schedule();
                        perSocket[0] = (usedHeap() - before) / (open.size());
                        for (Task<?> r : readers) {
                            r.cancel();
                        }
                        for (Socket s : open) {
                            s.close();
                        }
                    }
                });
                System.out.printf(Locale.ROOT, "%-13s %,d idle tasks: %,d B each; %,d idle sockets: %,d B each%n",
                        carrier, tasks, perTask[0], sockets, perSocket[0]);
            }
            for (CurioEchoServer.Style style : List.of(CurioEchoServer.Style.README, CurioEchoServer.Style.LINES)) {
                // Round 1 parks many tasks in frames not compiled yet (an interpreted frame is larger);
                // a server that has run a while parks its connections in compiled ones: rounds 2 and 3.
                long[] perConnection = new long[CONNECTION_ROUNDS];
                for (int round = 0; round < CONNECTION_ROUNDS; round++) {
                    perConnection[round] = idleConnection(style, carrier, connections);
                }
                System.out.printf(Locale.ROOT, "%-13s %,d idle connections to the %s server: %,d B each cold, then %s%n",
                        carrier, connections, style.prefix, perConnection[0], java.util.Arrays.stream(perConnection)
                                .skip(1).mapToObj(b -> String.format(Locale.ROOT, "%,d", b)).toList());
            }
        }
    }

    /**
     * The heap a server written in {@code style} holds per idle connection: the clients live in another
     * process, so only the server's side is counted.
     */
    static long idleConnection(CurioEchoServer.Style style, String carrier, int connections) throws Exception {
        try (CurioEchoServer server = new CurioEchoServer(style, "epoll", carrier)) {
            long before = usedHeap();
            String java = ProcessHandle.current().info().command().orElse("java");
            Process clients = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Footprint.class.getName(), "clients", String.valueOf(server.address().getPort()),
                    String.valueOf(connections)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var ready = new java.io.BufferedReader(new java.io.InputStreamReader(clients.getInputStream()))) {
                String line = ready.readLine();
                if (!"ready".equals(line)) {
                    throw new IllegalStateException("the clients failed: " + line);
                }
                Thread.sleep(500); // the last echoes' tasks go back to waiting
                long perConnection = (usedHeap() - before) / connections;
                clients.getOutputStream().close(); // the clients' signal to leave
                clients.waitFor();
                return perConnection;
            } finally {
                clients.destroy();
            }
        }
    }

    /** The client process: connects, echoes one line on each connection, says "ready", waits for stdin to close. */
    private static void clients(int port, int connections) throws Exception {
        curio.bench.FdLimit.ensure(connections + 1024);
        List<java.nio.channels.SocketChannel> open = new ArrayList<>();
        java.nio.ByteBuffer line = java.nio.ByteBuffer.wrap("hello, idle world\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.net.InetSocketAddress at = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
        for (int i = 0; i < connections; i++) {
            java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(at);
            c.write(line.clear());
            java.nio.ByteBuffer echo = java.nio.ByteBuffer.allocate(line.capacity());
            while (echo.hasRemaining() && c.read(echo) > 0) {
                // the whole line comes back
            }
            open.add(c);
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // held open until the parent closes our stdin
        }
        for (java.nio.channels.SocketChannel c : open) {
            c.close();
        }
    }
}
