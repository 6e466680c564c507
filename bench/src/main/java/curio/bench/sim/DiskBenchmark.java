package curio.bench.sim;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import curio.file.AsyncFile;
import curio.sim.Hardship;
import curio.sim.Simulation;
import java.nio.file.Path;

/**
 * How fast the simulated disk runs (issue 27): small writes per real second, as a user writes them
 * ({@code AsyncFile.write} of 64 bytes, appended to a log on a simulated host, a {@code sync()} every
 * {@code syncEvery} writes), on an ideal disk so that the figure is the simulator's own cost.
 * <pre>
 * java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar curio.bench.sim.DiskBenchmark [writes=2000000] [rounds=3] [carriers]
 * </pre>
 */
public final class DiskBenchmark {

    private DiskBenchmark() {}

    /**
     * Appends {@code writes} records of 64 bytes to one file of a simulated host, syncing every
     * {@code syncEvery}; returns the file's size, which must be {@code 64 * writes}.
     *
     * @param seed the seed
     * @param writes how many writes
     * @param syncEvery a sync after this many writes
     * @param carrier the carrier
     * @return the size of the file written
     */
    public static long writes(long seed, int writes, int syncEvery, String carrier) {
        long[] size = {0};
        Simulation.run(seed, Hardship.NONE, carrier, net -> net.host("db").spawn(() -> {
            byte[] record = new byte[64];
            try (AsyncFile log = AsyncFile.open(Path.of("/data/log"), CREATE, APPEND)) {
                for (int i = 0; i < writes; i++) {
                    record[0] = (byte) i;
                    log.write(record);
                    if ((i + 1) % syncEvery == 0) {
                        log.sync();
                    }
                }
                size[0] = log.size();
            }
        }).join()).rethrow();
        return size[0];
    }

    /**
     * Prints writes per second, a table row per round.
     *
     * @param args writes per round (2,000,000), rounds (3), carriers ("continuation,virtual")
     */
    public static void main(String[] args) {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("| carrier | round | simulated 64 B writes/s (a sync every 100) |");
        System.out.println("|---|---|---|");
        for (String carrier : (args.length > 2 ? args[2] : "continuation,virtual").split(",")) {
            for (int w = 0; w < 3; w++) {
                writes(-w, writes / 10, 100, carrier);
            }
            for (int r = 1; r <= rounds; r++) {
                long t0 = System.nanoTime();
                writes(r, writes, 100, carrier);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(java.util.Locale.ROOT, "| %s | %d | %,.0f |%n", carrier, r, writes / seconds);
            }
        }
    }
}
