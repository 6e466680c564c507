package curio.it.examples;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JMH-free smoke figures for the README: spawn + join, {@code sleep(0)} in a lone task (which goes
 * on in place) and {@code sleep(0)} between two tasks taking turns (a switch each), per carrier,
 * timed with {@link System#nanoTime()}. Each figure is the best of five rounds after a warm-up
 * round. Not a benchmark (see {@code bench} for those), a sanity check that fits in seconds.
 */
public final class SmokeFigures {

    private static final int SPAWNS = 100_000;
    private static final int SWITCHES = 1_000_000;

    private SmokeFigures() {}

    /**
     * Prints the figures for each carrier the JVM allows.
     *
     * @param args optional carrier ids; default both
     */
    public static void main(String[] args) {
        List<String> carriers = args.length > 0 ? List.of(args) : List.of("continuation", "virtual");
        System.out.printf(Locale.ROOT, "%-13s %28s %28s %28s%n", "carrier",
                SPAWNS + " spawn+join (ms)", SWITCHES + " sleep(0) alone", SWITCHES + " switches (ms)");
        for (String carrier : carriers) {
            try (Kernel kernel = Kernel.builder().carrier(carrier).build()) {
                double spawn = best(kernel, SmokeFigures::spawnAndJoin);
                double alone = best(kernel, () -> yields(SWITCHES));
                double switches = best(kernel, SmokeFigures::switches);
                System.out.printf(Locale.ROOT, "%-13s %18.1f (%5.0f ns) %18.1f (%5.0f ns) %18.1f (%5.0f ns)%n",
                        kernel.carrierName(), spawn, spawn * 1e6 / SPAWNS, alone, alone * 1e6 / SWITCHES,
                        switches, switches * 1e6 / SWITCHES);
            } catch (IllegalStateException e) {
                System.out.println(carrier + ": " + e.getMessage());
            }
        }
    }

    private static double best(Kernel kernel, Runnable body) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            kernel.run(body::run);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (round > 0) {
                best = Math.min(best, ms);
            }
        }
        return best;
    }

    private static void spawnAndJoin() {
        List<Task<Integer>> tasks = new ArrayList<>(SPAWNS);
        for (int i = 0; i < SPAWNS; i++) {
            int v = i;
            tasks.add(Curio.spawn(() -> v));
        }
        long sum = 0;
        for (Task<Integer> t : tasks) {
            sum += t.join();
        }
        if (sum != (long) SPAWNS * (SPAWNS - 1) / 2) {
            throw new AssertionError("lost a result: " + sum);
        }
    }

    private static void yields(int n) {
        for (int i = 0; i < n; i++) {
            Curio.schedule();
        }
    }

    /** Two tasks make half the switches each: every sleep(0) hands over to the other. */
    private static void switches() {
        Task<?> other = Curio.spawn(() -> yields(SWITCHES / 2));
        yields(SWITCHES / 2);
        other.join();
    }
}
