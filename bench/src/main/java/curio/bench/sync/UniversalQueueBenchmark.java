package curio.bench.sync;

import curio.bench.CurioBenchmark;
import curio.sync.UniversalQueue;
import java.util.concurrent.ArrayBlockingQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A platform thread puts, a task gets, through one UniversalQueue; beside it the JDK's answer, a
 * platform thread putting and another taking through an {@code ArrayBlockingQueue}. One op is one item.
 */
@State(Scope.Benchmark)
public class UniversalQueueBenchmark extends CurioBenchmark {

    static final int ITEMS = 100_000;

    /** The capacity of the bounded variants. */
    static final int BOUND = 1024;

    /** Thread-to-task throughput. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long threadToTask() throws InterruptedException {
        return threadToTask(new UniversalQueue<>());
    }

    /** Thread-to-task throughput through a queue bounded as the ArrayBlockingQueue is. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long threadToTaskBounded() throws InterruptedException {
        return threadToTask(new UniversalQueue<>(BOUND));
    }

    /** The JDK peer: thread-to-thread through an ArrayBlockingQueue of {@value #BOUND}. The carrier plays no part. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long arrayBlockingQueueThreadToThread() throws InterruptedException {
        ArrayBlockingQueue<Integer> q = new ArrayBlockingQueue<>(BOUND);
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < ITEMS; i++) {
                    q.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long s = 0;
        for (int i = 0; i < ITEMS; i++) {
            s += q.take();
        }
        producer.join();
        return s;
    }

    private long threadToTask(UniversalQueue<Integer> q) throws InterruptedException {
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
