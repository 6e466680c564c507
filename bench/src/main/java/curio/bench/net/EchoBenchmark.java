package curio.bench.net;

import curio.bench.baseline.NettyEchoServer;
import curio.bench.baseline.NioLoopEchoServer;
import curio.bench.baseline.VirtualThreadEchoServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The echo benchmark: starts each server on one event-loop thread, drives it with the closed-loop
 * {@link LoadGenerator}, and prints messages per second and p50/p99 latency, with each server's ratio
 * to Netty's native epoll, the CPU time the server spent per message (the process's CPU minus the
 * generator thread's; with {@code --target} it is the generator's JVM idling and means nothing) with its
 * ratio to Netty's, and the heap the server allocated per message (every thread's allocation counter but
 * the generator's). Servers are named in {@link #SERVERS}; {@code --servers all} runs them all.
 * <pre>
 * java -Djdk.virtualThreadScheduler.parallelism=1 --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
 *      --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar curio.bench.net.EchoBenchmark \
 *      [--servers a,b] [--cases 100x64,...] [--seconds 3] [--warmup 1] [--rounds 3] [--target host:port]
 *      [--no-pin]
 * </pre>
 * Each case runs every server {@code --rounds} times, the servers taking turns, and reports the median
 * round: on a shared 2-core machine single runs scatter by tens of percent. On Linux the generator
 * runs alone on CPU 1 and everything else (the server) on CPU 0, unless {@code --no-pin}.
 */
public final class EchoBenchmark {

    /** Every server the benchmark knows, in report order. */
    public static final List<String> SERVERS = servers();
    /** The default servers: Netty's native epoll, and each curio-java server on epoll with the continuation carrier. */
    public static final List<String> DEFAULT_SERVERS = List.of("netty-epoll", "curio-epoll-continuation",
            "readme-epoll-continuation", "lines-epoll-continuation", "handler-epoll-continuation");
    /** The default cases: connections x message size. */
    public static final List<String> CASES = List.of("1x64", "100x64", "100x1024", "1000x64", "10x65536");

    private EchoBenchmark() {}

    private static List<String> servers() {
        List<String> all = new java.util.ArrayList<>(List.of("netty-epoll", "netty-epoll-lines"));
        for (CurioEchoServer.Style style : CurioEchoServer.Style.values()) {
            for (String selector : List.of("epoll", "nio")) {
                for (String carrier : List.of("continuation", "virtual")) {
                    all.add(style.prefix + "-" + selector + "-" + carrier);
                }
            }
        }
        all.addAll(List.of("netty-nio", "vthreads", "nio-loop"));
        return List.copyOf(all);
    }

    /** Starts a server by name. */
    public static EchoServer start(String name) throws Exception {
        return switch (name) {
            case "netty-epoll" -> new NettyEchoServer(true);
            case "netty-nio" -> new NettyEchoServer(false);
            case "netty-epoll-lines" -> new NettyEchoServer(true, true);
            case "vthreads" -> new VirtualThreadEchoServer();
            case "nio-loop" -> new NioLoopEchoServer();
            default -> {
                String[] parts = name.split("-");
                CurioEchoServer.Style style = parts.length != 3 ? null : java.util.Arrays.stream(CurioEchoServer.Style.values())
                        .filter(st -> st.prefix.equals(parts[0])).findFirst().orElse(null);
                if (style == null || !SERVERS.contains(name)) {
                    throw new IllegalArgumentException("unknown server " + name + "; known: " + SERVERS);
                }
                yield new CurioEchoServer(style, parts[1], parts[2]);
            }
        };
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        List<String> servers = DEFAULT_SERVERS;
        List<String> cases = CASES;
        Duration seconds = Duration.ofSeconds(3);
        Duration warmup = Duration.ofSeconds(1);
        int rounds = 3;
        InetSocketAddress target = null;
        boolean pin = Affinity.unavailableReason() == null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--servers" -> servers = args[++i].equals("all") ? SERVERS : List.of(args[i].split(","));
                case "--cases" -> cases = List.of(args[++i].split(","));
                case "--seconds" -> seconds = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--no-pin" -> pin = false;
                case "--target" -> {
                    String[] hp = args[++i].split(":");
                    target = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int most = cases.stream().mapToInt(c -> Integer.parseInt(c.split("x")[0])).max().orElse(0);
        fdLimit = curio.bench.FdLimit.raise(2L * most + 1024); // both ends of every connection in this JVM, if it may
        System.out.println(pin ? "pinned: the load generator on CPU 1, the server and the rest of the JVM on CPU 0"
                : "not pinned (" + (Affinity.unavailableReason() == null ? "--no-pin" : Affinity.unavailableReason()) + ")");
        if (target != null) {
            for (String c : cases) {
                report("external " + target, c, measure(target, c, warmup, seconds, pin), null);
            }
            return;
        }
        System.out.printf(Locale.ROOT, "%-30s %-10s %12s %10s %10s %8s %11s %8s %11s%n", "server", "case", "msgs/s",
                "p50 us", "p99 us", "x netty", "cpu us/msg", "x netty", "B/msg");
        for (String c : cases) {
            Map<String, List<LoadGenerator.Result>> runs = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (String s : servers) {
                    try (EchoServer server = start(s)) {
                        runs.computeIfAbsent(s, k -> new java.util.ArrayList<>())
                                .add(measure(server.address(), c, warmup, seconds, pin));
                    } catch (Exception | Error e) {
                        System.out.printf(Locale.ROOT, "%-26s %-10s failed: %s%n", s, c, e);
                    }
                }
            }
            LoadGenerator.Result netty = runs.containsKey("netty-epoll") ? median(runs.get("netty-epoll")) : null;
            for (Map.Entry<String, List<LoadGenerator.Result>> e : runs.entrySet()) {
                report(e.getKey(), c, median(e.getValue()), netty);
            }
        }
    }

    /** The round with the median throughput. */
    static LoadGenerator.Result median(List<LoadGenerator.Result> rs) {
        List<LoadGenerator.Result> sorted = new java.util.ArrayList<>(rs);
        sorted.sort(java.util.Comparator.comparingDouble(LoadGenerator.Result::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static long fdLimit = Long.MAX_VALUE;

    /**
     * Measures one case; with more connections than this process may hold both ends of, the generator
     * runs in a JVM of its own (see {@link LoadGenerator#runForked}).
     */
    private static LoadGenerator.Result measure(InetSocketAddress target, String c, Duration warmup, Duration seconds,
            boolean pin) throws Exception {
        String[] nx = c.split("x");
        int connections = Integer.parseInt(nx[0]);
        int size = Integer.parseInt(nx[1]);
        if (2L * connections + 1024 <= fdLimit) {
            return LoadGenerator.run(target, connections, size, warmup, seconds, pin);
        }
        return LoadGenerator.runForked(target, connections, size, warmup, seconds, pin);
    }

    static void report(String server, String c, LoadGenerator.Result r, LoadGenerator.Result netty) {
        String ratio = netty == null ? "" : String.format(Locale.ROOT, "%.2f", r.perSecond() / netty.perSecond());
        String cpuRatio = netty == null ? ""
                : String.format(Locale.ROOT, "%.2f", r.otherCpuMicrosPerMessage() / netty.otherCpuMicrosPerMessage());
        System.out.printf(Locale.ROOT, "%-30s %-10s %12.0f %10.1f %10.1f %8s %11.2f %8s %11.0f%n", server, c,
                r.perSecond(), r.p50Nanos() / 1e3, r.p99Nanos() / 1e3, ratio, r.otherCpuMicrosPerMessage(), cpuRatio,
                r.otherBytesPerMessage());
    }

}
