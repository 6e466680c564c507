package curio.bench.kernel;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How late timeouts fire under load (issue 13): N tasks each wait in {@code recvFrom} on a UDP socket
 * that never receives (one descriptor per task), under a 10 ms {@code ignoreAfter}, again and again; each expiry's lateness is the time from
 * the deadline to the moment the task runs again. Prints p50 / p99 / max lateness and timeouts per
 * second, per carrier and N, on the real clock.
 * <pre>
 * java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar curio.bench.kernel.TimerLateness [seconds=3] [tasks=1000,10000]
 * </pre>
 */
public final class TimerLateness {

    private TimerLateness() {}

    /**
     * One measured run; lateness in microseconds.
     *
     * @param carrier the carrier
     * @param tasks how many tasks waited
     * @param timeouts how many expiries were measured
     * @param perSecond expiries per second
     * @param p50 median lateness
     * @param p99 99th percentile
     * @param max the worst
     */
    public record Result(String carrier, int tasks, long timeouts, double perSecond, long p50, long p99, long max) {}

    /**
     * Runs {@code tasks} tasks for {@code seconds} on one kernel and returns the lateness figures.
     *
     * @param carrier the carrier
     * @param tasks how many tasks wait at once
     * @param seconds how long to measure
     * @return the figures, in microseconds
     */
    public static Result measure(String carrier, int tasks, double seconds) throws java.io.IOException {
        Duration timeout = Duration.ofMillis(10);
        long[][] samples = new long[tasks][];
        int[] counts = new int[tasks];
        try (Kernel k = Kernel.builder().carrier(carrier).build()) {
            return k.run(() -> {
                List<Socket> open = new ArrayList<>();
                List<Task<?>> waiters = new ArrayList<>();
                long end = System.nanoTime() + (long) (seconds * 1e9);
                try {
                    for (int i = 0; i < tasks; i++) {
                        Socket quiet = Socket.udp(); // nobody ever sends: every receive times out
                        open.add(quiet);
                        quiet.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
                        int slot = i;
                        samples[i] = new long[64];
                        waiters.add(Curio.spawn(() -> {
                            while (System.nanoTime() < end) {
                                long deadline = System.nanoTime() + timeout.toNanos();
                                Curio.ignoreAfter(timeout, () -> quiet.recvFrom(16));
                                long late = System.nanoTime() - deadline;
                                if (counts[slot] == samples[slot].length) {
                                    samples[slot] = Arrays.copyOf(samples[slot], counts[slot] * 2);
                                }
                                samples[slot][counts[slot]++] = late;
                            }
                        }));
                    }
                    for (Task<?> t : waiters) {
                        t.join();
                    }
                } finally {
                    for (Socket s : open) {
                        s.close();
                    }
                }
                long total = 0;
                for (int c : counts) {
                    total += c;
                }
                long[] all = new long[(int) total];
                int at = 0;
                for (int i = 0; i < tasks; i++) {
                    System.arraycopy(samples[i], 0, all, at, counts[i]);
                    at += counts[i];
                }
                Arrays.sort(all);
                return new Result(carrier, tasks, total, total / seconds, percentile(all, 0.50) / 1000,
                        percentile(all, 0.99) / 1000, all.length == 0 ? 0 : all[all.length - 1] / 1000);
            });
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    /**
     * Prints the table.
     *
     * @param args seconds per run (3) and a comma-separated list of task counts (1000,10000)
     */
    public static void main(String[] args) throws java.io.IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        String[] counts = (args.length > 1 ? args[1] : "1000,10000").split(",");
        System.out.println("| carrier | tasks | timeouts/s | p50 late (us) | p99 late (us) | max late (us) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String carrier : List.of("continuation", "virtual")) {
            for (String n : counts) {
                measure(carrier, Integer.parseInt(n.strip()), 0.5); // warm-up
                Result r = measure(carrier, Integer.parseInt(n.strip()), seconds);
                System.out.println(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,d | %,d | %,d |", r.carrier(),
                        r.tasks(), r.perSecond(), r.p50(), r.p99(), r.max()));
            }
        }
    }
}
