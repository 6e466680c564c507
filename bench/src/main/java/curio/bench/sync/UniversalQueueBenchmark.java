package curio.bench.sync;

import curio.bench.CurioBenchmark;
import curio.sync.UniversalQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A platform thread puts, a task gets, through one UniversalQueue. One op is one item. */
@State(Scope.Benchmark)
public class UniversalQueueBenchmark extends CurioBenchmark {

    static final int ITEMS = 100_000;

    /** Thread-to-task throughput. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long threadToTask() throws InterruptedException {
        UniversalQueue<Integer> q = new UniversalQueue<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < ITEMS; i++) {
                q.put(i);
            }
        });
        long sum = kernel.run(() -> {
            long s = 0;
            for (int i = 0; i < ITEMS; i++) {
                s += q.get();
            }
            return s;
        });
        producer.join();
        return sum;
    }
}
