package curio.bench;

import curio.api.Kernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Project defaults for every curio benchmark, sized for 2 cores: one fork, 2 x 1 s warm-up, 3 x 1 s
 * measurement, average time per operation. Long runs override them on the command line
 * ({@code -f 3 -wi 5 -i 10}). Each benchmark gets a fresh kernel per trial on the carrier under test.
 * <p>The fork runs on the class path, so the continuation carrier needs the export to ALL-UNNAMED.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public abstract class CurioBenchmark {

    /** The carrier under test. */
    @Param({"continuation", "virtual"})
    public String carrier;

    /** The kernel every invocation runs on. */
    protected Kernel kernel;

    /** Opens the kernel and checks that the carrier asked for is the one running. */
    @Setup(Level.Trial)
    public void openKernel() {
        kernel = configure(Kernel.builder().carrier(carrier)).build();
        if (!kernel.carrierName().equals(carrier)) {
            throw new IllegalStateException("asked for carrier " + carrier + ", got " + kernel.carrierName());
        }
    }

    /** Hook for benchmarks that need more than a carrier: adds to the builder and returns it. */
    protected Kernel.Builder configure(Kernel.Builder builder) {
        return builder;
    }

    /** Shuts the kernel down. */
    @TearDown(Level.Trial)
    public void closeKernel() {
        kernel.close();
    }
}
