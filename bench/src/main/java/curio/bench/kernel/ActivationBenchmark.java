package curio.bench.kernel;

import curio.api.Activation;
import curio.api.Kernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** What activations cost on the hottest path, a {@code sleep(0)} round trip: none, or one that does nothing. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ActivationBenchmark {

    static final int SWITCHES = 100_000;

    /** "none" or "noop". */
    @Param({"none", "noop"})
    public String activations;

    private Kernel kernel;

    /** Opens a continuation kernel with or without a do-nothing activation. */
    @Setup(Level.Trial)
    public void open() {
        Kernel.Builder b = Kernel.builder().carrier("continuation");
        if (activations.equals("noop")) {
            b.activations(new Activation() {});
        }
        kernel = b.build();
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void close() {
        kernel.close();
    }

    /** A {@code sleep(0)} round trip. */
    @Benchmark
    @OperationsPerInvocation(SWITCHES)
    public long sleepZero() {
        return KernelBenchmark.yields(kernel, SWITCHES);
    }
}
