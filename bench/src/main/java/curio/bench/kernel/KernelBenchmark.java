package curio.bench.kernel;

import curio.api.Curio;
import curio.api.Task;
import curio.bench.CurioBenchmark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The kernel's own costs, per carrier. Each invocation is one {@code Kernel.run} doing many operations,
 * so the run's fixed cost is spread thin; every result feeds a returned value so nothing is optimised away.
 */
@State(Scope.Benchmark)
public class KernelBenchmark extends CurioBenchmark {

    static final int SWITCHES = 100_000;
    static final int PAIRS = 10_000;
    static final int BATCH = 100_000;
    static final int THREAD_TRIPS = 1_000;

    /**
     * A trap round trip: {@code sleep(0)} in a task with nobody else ready. The kernel polls I/O and
     * timers in place and, finding nothing, lets the task go on without switching.
     */
    @Benchmark
    @OperationsPerInvocation(SWITCHES)
    public long sleepZero() {
        return yields(kernel, SWITCHES);
    }

    /** Runs {@code n} {@code sleep(0)} round trips in one main task; returns how many. */
    static long yields(curio.api.Kernel kernel, int n) {
        return kernel.run(() -> countYields(n));
    }

    /**
     * {@code sleep(0)} in two tasks that take turns: every trap is a real switch (a yield and a resume),
     * unlike {@link #sleepZero}, where the lone task goes on in place. One op is one switch.
     */
    @Benchmark
    @OperationsPerInvocation(2 * SWITCHES)
    public long sleepZeroSwitch() {
        return switches(kernel, SWITCHES);
    }

    /** Two tasks make {@code n} {@code sleep(0)} each, taking turns; returns the total. */
    static long switches(curio.api.Kernel kernel, int n) {
        return kernel.run(() -> {
            Task<Long> other = Curio.spawn(() -> countYields(n));
            return countYields(n) + other.join();
        });
    }

    /**
     * {@link #sleepZeroSwitch} with three thread-locals set in each task (an MDC, a trace context, a transaction,
     * say): what a switch costs when the continuation carrier must install each task's own map.
     */
    @Benchmark
    @OperationsPerInvocation(2 * SWITCHES)
    public long sleepZeroSwitchWithThreadLocals() {
        return switchesWithThreadLocals(kernel, SWITCHES);
    }

    private static final ThreadLocal<String> MDC_LIKE = new ThreadLocal<>();
    private static final ThreadLocal<Object> TRACE_LIKE = new ThreadLocal<>();
    private static final InheritableThreadLocal<Integer> TX_LIKE = new InheritableThreadLocal<>();

    /** As {@link #switches}, each task setting three thread-locals first and reading one at every turn. */
    static long switchesWithThreadLocals(curio.api.Kernel kernel, int n) {
        return kernel.run(() -> {
            Task<Long> other = Curio.spawn(() -> withThreadLocals("other", n));
            return withThreadLocals("main", n) + other.join();
        });
    }

    private static long withThreadLocals(String who, int n) {
        MDC_LIKE.set(who);
        TRACE_LIKE.set(new Object());
        TX_LIKE.set(n);
        long done = 0;
        for (int i = 0; i < n; i++) {
            Curio.schedule();
            if (MDC_LIKE.get() == who) { // the task's own value, every turn
                done++;
            }
        }
        return done;
    }

    private static long countYields(int n) {
        long done = 0;
        for (int i = 0; i < n; i++) {
            Curio.schedule();
            done++;
        }
        return done;
    }

    /** Spawn a task and join it at once (two switches). */
    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public long spawnJoin() {
        return kernel.run(() -> {
            long sum = 0;
            for (int i = 0; i < PAIRS; i++) {
                int v = i;
                sum += Curio.spawn(() -> v).join();
            }
            return sum;
        });
    }

    /** Spawn 100,000 tasks, then join them all; one op is one task. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long spawnBatchThenJoin() {
        return kernel.run(() -> {
            List<Task<Integer>> tasks = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                int v = i;
                tasks.add(Curio.spawn(() -> v));
            }
            long sum = 0;
            for (Task<Integer> t : tasks) {
                sum += t.join();
            }
            return sum;
        });
    }

    /** A timeout block around a body that never blocks: set and unset, no switch. */
    @Benchmark
    @OperationsPerInvocation(SWITCHES)
    public long timeoutSetUnset() {
        return kernel.run(() -> {
            long sum = 0;
            Duration d = Duration.ofSeconds(10);
            for (int i = 0; i < SWITCHES; i++) {
                int v = i;
                sum += Curio.timeoutAfter(d, () -> v);
            }
            return sum;
        });
    }

    /** Cancel a task blocked in a sleep and wait for it to end. */
    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public long cancelBlocked() {
        return kernel.run(() -> {
            long n = 0;
            Duration forever = Duration.ofDays(1);
            for (int i = 0; i < PAIRS; i++) {
                Task<?> t = Curio.spawn(() -> Curio.sleep(forever));
                Curio.schedule();
                if (t.cancel()) {
                    n++;
                }
            }
            return n;
        });
    }

    /** Hand work to the worker pool and get the answer back. */
    @Benchmark
    @OperationsPerInvocation(THREAD_TRIPS)
    public long runInThreadRoundTrip() {
        return kernel.run(() -> {
            long sum = 0;
            for (int i = 0; i < THREAD_TRIPS; i++) {
                int v = i;
                sum += Curio.runInThread(() -> v);
            }
            return sum;
        });
    }
}
