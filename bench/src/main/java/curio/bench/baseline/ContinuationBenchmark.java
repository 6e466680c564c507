package curio.bench.baseline;

import java.util.concurrent.TimeUnit;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under every curio switch on the continuation carrier: one {@code Continuation.yield} and
 * one {@code Continuation.run} of a bare JDK continuation, with no kernel around it. A task switch
 * through the kernel (KernelBenchmark.sleepZeroSwitch) cannot cost less than this.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class ContinuationBenchmark {

    private static final ContinuationScope SCOPE = new ContinuationScope("baseline");

    private Continuation continuation;
    private long yields;

    /** A continuation that yields forever, counting. */
    @Setup(Level.Trial)
    public void start() {
        continuation = new Continuation(SCOPE, () -> {
            while (true) {
                yields++;
                Continuation.yield(SCOPE);
            }
        });
    }

    /** One run up to the next yield: a yield and a resume. */
    @Benchmark
    public long yieldAndRun() {
        continuation.run();
        return yields;
    }
}
