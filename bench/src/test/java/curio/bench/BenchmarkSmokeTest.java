package curio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import curio.bench.baseline.ContinuationBenchmark;
import curio.bench.kernel.ActivationBenchmark;
import curio.bench.kernel.KernelBenchmark;
import curio.bench.selector.DowncallBenchmark;
import curio.bench.sync.EventBenchmark;
import curio.bench.sync.LockBenchmark;
import curio.bench.sync.QueueBenchmark;
import curio.bench.sync.UniversalQueueBenchmark;
import curio.test.EachCarrier;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Runs each benchmark body once, outside JMH, so that a broken benchmark fails the build. It checks
 * results, never times.
 */
class BenchmarkSmokeTest {

    private static <B extends CurioBenchmark> long once(B bench, String carrier, ToLongFunction<B> body) {
        bench.carrier = carrier;
        bench.openKernel();
        try {
            return body.applyAsLong(bench);
        } finally {
            bench.closeKernel();
        }
    }

    @EachCarrier
    void syncBenchmarksComputeWhatTheyClaim(String carrier) {
        assertEquals(10_000, once(new EventBenchmark(), carrier, EventBenchmark::pingPong));
        assertEquals(100 * 100, once(new LockBenchmark(), carrier, LockBenchmark::handOff));
        long items = 100_000;
        QueueBenchmark bounded = new QueueBenchmark();
        bounded.maxSize = 64;
        assertEquals(items * (items - 1) / 2, once(bounded, carrier, QueueBenchmark::putGet));
        List<ToLongFunction<UniversalQueueBenchmark>> queues = List.of(b -> interruptible(b::threadToTask),
                b -> interruptible(b::threadToTaskBounded), b -> interruptible(b::arrayBlockingQueueThreadToThread));
        for (ToLongFunction<UniversalQueueBenchmark> body : queues) {
            assertEquals(items * (items - 1) / 2, once(new UniversalQueueBenchmark(), carrier, body));
        }
    }

    private interface InterruptibleBody {
        long run() throws InterruptedException;
    }

    private static long interruptible(InterruptibleBody body) {
        try {
            return body.run();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @EachCarrier
    void kernelBenchmarksComputeWhatTheyClaim(String carrier) {
        long pairs = 10_000;
        long batch = 100_000;
        assertEquals(100_000, once(new KernelBenchmark(), carrier, KernelBenchmark::sleepZero));
        assertEquals(200_000, once(new KernelBenchmark(), carrier, KernelBenchmark::sleepZeroSwitch));
        assertEquals(200_000, once(new KernelBenchmark(), carrier, KernelBenchmark::sleepZeroSwitchWithThreadLocals),
                "every turn each task saw its own thread-local");
        assertEquals(pairs * (pairs - 1) / 2, once(new KernelBenchmark(), carrier, KernelBenchmark::spawnJoin));
        assertEquals(batch * (batch - 1) / 2, once(new KernelBenchmark(), carrier, KernelBenchmark::spawnBatchThenJoin));
        assertEquals(batch * (batch - 1) / 2, once(new KernelBenchmark(), carrier, KernelBenchmark::timeoutSetUnset));
        assertEquals(pairs, once(new KernelBenchmark(), carrier, KernelBenchmark::cancelBlocked));
        assertEquals(1_000 * 999 / 2, once(new KernelBenchmark(), carrier, KernelBenchmark::runInThreadRoundTrip));
        for (String activations : new String[] {"none", "noop"}) {
            ActivationBenchmark bench = new ActivationBenchmark();
            bench.activations = activations;
            assertEquals(200_000, once(bench, carrier, ActivationBenchmark::sleepZeroSwitch));
        }
    }

    @Test
    void theContinuationBaselineYieldsOncePerRun() {
        ContinuationBenchmark bench = new ContinuationBenchmark();
        bench.start();
        long before = bench.yieldAndRun();
        assertTrue(before == 1 && bench.yieldAndRun() == 2, "one yield per run");
    }

    @Test
    void downcallBenchmarkCallsTheCFunctionBothWays() {
        DowncallBenchmark b = new DowncallBenchmark();
        assertEquals(42, b.invokeExact());
        assertEquals(42, b.typedInterface());
    }

    @org.junit.jupiter.api.Test
    void timerLatenessMeasuresEveryExpiry() throws Exception {
        var r = curio.bench.kernel.TimerLateness.measure("continuation", 20, 0.2);
        assertTrue(r.timeouts() >= 20, "every task timed out at least once: " + r);
        assertTrue(r.p50() <= r.p99() && r.p99() <= r.max(), r.toString());
    }

    @curio.test.EachCarrier
    void simulationBenchmarksDoEveryRoundTripAndDeliverEveryLine(String carrier) {
        assertEquals(15, curio.bench.sim.SimBenchmark.echo(1, 3, 5, carrier));
        assertEquals(3 * 2 * 20, curio.bench.sim.SimBenchmark.chat(1, 3, 2, carrier), "each line to both others");
        assertEquals(4, curio.bench.sim.SimBenchmark.chatSeeds(4, 2, 3, 2, carrier), "every seed passes, two at a time");
        assertEquals(3 * 7, curio.bench.sim.SimBenchmark.switches(1, 3, 7, carrier), "every yield of every task");
        assertEquals(64 * 250, curio.bench.sim.DiskBenchmark.writes(1, 250, 100, carrier), "every write is in the file");
    }
}
