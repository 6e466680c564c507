package curio.bench.sync;

import curio.api.Curio;
import curio.api.Task;
import curio.bench.CurioBenchmark;
import curio.sync.Queue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One producer task and one consumer task moving items through a Queue. One op is one item. */
@State(Scope.Benchmark)
public class QueueBenchmark extends CurioBenchmark {

    static final int ITEMS = 100_000;

    /** 0 for unbounded; a small bound forces put/get hand-offs. */
    @Param({"0", "64"})
    public int maxSize;

    /** Put/get throughput. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long putGet() {
        return kernel.run(() -> {
            Queue<Integer> q = new Queue<>(maxSize);
            Task<Long> consumer = Curio.spawn(() -> {
                long sum = 0;
                for (int i = 0; i < ITEMS; i++) {
                    sum += q.get();
                }
                return sum;
            });
            for (int i = 0; i < ITEMS; i++) {
                q.put(i);
            }
            return consumer.join();
        });
    }
}
