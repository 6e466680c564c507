package curio.bench.sync;

import curio.api.Curio;
import curio.api.Task;
import curio.bench.CurioBenchmark;
import curio.sync.Lock;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * 100 tasks contending for one Lock, each yielding while it holds it, so every release is a FIFO
 * hand-off to a waiter. One op is one acquire/yield/release.
 */
@State(Scope.Benchmark)
public class LockBenchmark extends CurioBenchmark {

    static final int TASKS = 100;
    static final int EACH = 100;

    /** Hand-off under contention. */
    @Benchmark
    @OperationsPerInvocation(TASKS * EACH)
    public long handOff() {
        return kernel.run(() -> {
            Lock lock = new Lock();
            long[] counter = new long[1];
            List<Task<Void>> tasks = new ArrayList<>(TASKS);
            for (int t = 0; t < TASKS; t++) {
                tasks.add(Curio.spawn(() -> {
                    for (int i = 0; i < EACH; i++) {
                        lock.acquire();
                        Curio.schedule();
                        counter[0]++;
                        lock.release();
                    }
                }));
            }
            for (Task<Void> t : tasks) {
                t.join();
            }
            return counter[0];
        });
    }
}
