package curio.bench.selector;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the epoll backend's call wrapper costs. curio.selector.epoll binds each C function as a Java
 * interface over its downcall handle ({@code MethodHandleProxies}), so that call sites need no
 * try/catch around {@code invokeExact}; this compares that with {@code invokeExact} on a constant
 * handle, the way it was called before, on a C function cheap enough to show a few nanoseconds
 * ({@code abs}), with the same errno capture the backend uses.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class DowncallBenchmark {

    /** {@code int abs(int)} with errno captured, as the backend's interfaces are declared. */
    public interface Abs {
        /** Calls {@code abs}. */
        int call(MemorySegment errno, int value);
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle ABS = LINKER.downcallHandle(
            LINKER.defaultLookup().find("abs").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final Abs ABS_FUNCTION = MethodHandleProxies.asInterfaceInstance(Abs.class, ABS);

    private final MemorySegment errno = Arena.ofAuto().allocate(Linker.Option.captureStateLayout());
    private int value = -42;

    /** The old way: invokeExact on a static final handle, inside a try/catch. */
    @Benchmark
    public int invokeExact() {
        try {
            return (int) ABS.invokeExact(errno, value);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The backend's way: the interface instance over the same handle. */
    @Benchmark
    public int typedInterface() {
        return ABS_FUNCTION.call(errno, value);
    }
}
