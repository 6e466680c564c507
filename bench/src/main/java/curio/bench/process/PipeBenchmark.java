package curio.bench.process;

import curio.api.Kernel;
import curio.process.ProcessStream;
import curio.process.Subprocess;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Subprocess pipe throughput: a child writes N bytes to its stdout ({@code head -c N /dev/zero}); curio-java
 * reads them in a task through {@code Subprocess.stdout().read(65536)}, the JDK peer in a thread through
 * {@code Process.getInputStream().read(buf)}, each counting the bytes to the end.
 * <pre>
 * java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp bench/target/benchmarks.jar curio.bench.process.PipeBenchmark [mebibytes=100] [rounds=3]
 * </pre>
 */
public final class PipeBenchmark {

    private PipeBenchmark() {}

    private static List<String> command(long bytes) {
        return List.of("head", "-c", Long.toString(bytes), "/dev/zero");
    }

    /** Bytes read through curio's Subprocess by a task, and the seconds it took. */
    static double[] curio(long bytes, String carrier) throws Exception {
        try (Kernel k = Kernel.builder().carrier(carrier).build()) {
            return k.run(() -> {
                long t0 = System.nanoTime();
                long total = 0;
                try (Subprocess p = Subprocess.start(command(bytes))) {
                    ProcessStream out = p.stdout();
                    for (byte[] chunk = out.read(65536); chunk.length > 0; chunk = out.read(65536)) {
                        total += chunk.length;
                    }
                    p.waitFor();
                }
                return new double[] {total, (System.nanoTime() - t0) / 1e9};
            });
        }
    }

    /** Bytes read through the JDK's Process by a thread, and the seconds it took. */
    static double[] jdk(long bytes) throws Exception {
        long t0 = System.nanoTime();
        long total = 0;
        Process p = new ProcessBuilder(command(bytes)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[65536];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                total += n;
            }
        }
        p.waitFor();
        return new double[] {total, (System.nanoTime() - t0) / 1e9};
    }

    /**
     * Runs the comparison.
     *
     * @param args mebibytes per run, rounds
     */
    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 100) << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        curio(bytes / 4, "continuation"); // warm-up
        jdk(bytes / 4);
        System.out.printf(Locale.ROOT, "%-34s %6s %10s%n", "reader", "round", "MiB/s");
        for (int round = 1; round <= rounds; round++) {
            print("curio Subprocess, continuation", round, bytes, curio(bytes, "continuation"));
            print("curio Subprocess, virtual", round, bytes, curio(bytes, "virtual"));
            print("JDK Process, platform thread", round, bytes, jdk(bytes));
        }
    }

    private static void print(String what, int round, long bytes, double[] r) {
        if ((long) r[0] != bytes) {
            throw new IllegalStateException(what + " read " + (long) r[0] + " bytes of " + bytes);
        }
        System.out.printf(Locale.ROOT, "%-34s %6d %10.0f%n", what, round, r[0] / (1 << 20) / r[1]);
    }
}
