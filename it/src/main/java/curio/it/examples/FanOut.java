package curio.it.examples;

import curio.api.Curio;
import curio.api.Task;
import curio.process.Workers;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU-bound work fanned out to worker JVMs: the primes below 2,000,000 counted in 8 slices, two
 * worker JVMs (the default pool) computing while the kernel stays free.
 */
public final class FanOut {

    private FanOut() {}

    /** Counts primes below {@code limit} in {@code slices} jobs. Must be called from a task. */
    static long countPrimes(long limit, int slices) {
        List<Task<Long>> jobs = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            long from = limit * i / slices;
            long to = limit * (i + 1) / slices;
            jobs.add(Curio.spawn(() -> Workers.runInProcess(new WorkerJobs.CountPrimes(from, to))));
        }
        long total = 0;
        for (Task<Long> j : jobs) {
            total += j.join();
        }
        return total;
    }

    /**
     * Prints the count.
     *
     * @param args optional limit
     */
    public static void main(String[] args) {
        long limit = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long count = Curio.run(() -> countPrimes(limit, 8));
        System.out.println(count + " primes below " + limit);
    }
}
