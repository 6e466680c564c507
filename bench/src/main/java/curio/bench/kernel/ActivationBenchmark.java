package curio.bench.kernel;

import curio.api.Activation;
import curio.api.Kernel;
import curio.bench.CurioBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What activations cost on the hottest path, a task switch: none, or one that does nothing. Two tasks
 * take turns, because a lone task's {@code sleep(0)} does not switch when no activation is installed.
 */
@State(Scope.Benchmark)
public class ActivationBenchmark extends CurioBenchmark {

    static final int SWITCHES = 100_000;

    /** "none" or "noop". */
    @Param({"none", "noop"})
    public String activations;

    @Override
    protected Kernel.Builder configure(Kernel.Builder builder) {
        return activations.equals("noop") ? builder.activations(new Activation() {}) : builder;
    }

    /** A {@code sleep(0)} switch between two tasks. */
    @Benchmark
    @OperationsPerInvocation(2 * SWITCHES)
    public long sleepZeroSwitch() {
        return KernelBenchmark.switches(kernel, SWITCHES);
    }
}
