package curio.bench.sync;

import curio.api.Curio;
import curio.api.Task;
import curio.bench.CurioBenchmark;
import curio.sync.Event;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Two tasks bouncing control through a pair of Events: one op is one round trip (two switches). */
@State(Scope.Benchmark)
public class EventBenchmark extends CurioBenchmark {

    static final int ROUNDS = 10_000;

    /** Ping-pong between two tasks. */
    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int pingPong() {
        return kernel.run(() -> {
            Event ping = new Event();
            Event pong = new Event();
            Task<Integer> other = Curio.spawn(() -> {
                int n = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    ping.await();
                    ping.clear();
                    n++;
                    pong.set();
                }
                return n;
            });
            for (int i = 0; i < ROUNDS; i++) {
                ping.set();
                pong.await();
                pong.clear();
            }
            return other.join();
        });
    }
}
