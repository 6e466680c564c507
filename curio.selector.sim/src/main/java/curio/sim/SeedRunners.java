package curio.sim;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Runs seeds on several threads for {@link Simulation#check(int, Hardship, int, Simulation.Body)}
 * with a parallelism above 1. Invariant that makes the answer independent of the threads' timing: seeds are handed
 * out in increasing order, and a runner stops taking seeds only above the lowest failure known, so
 * every seed below the lowest failure has run (and passed) by the time the runners are joined.
 */
final class SeedRunners {

    private SeedRunners() {}

    static int check(int seeds, int threads, LongFunction<Simulation.Outcome> run) {
        AtomicLong next = new AtomicLong(1);
        AtomicInteger passed = new AtomicInteger();
        ConcurrentSkipListMap<Long, Simulation.Outcome> failed = new ConcurrentSkipListMap<>();
        Runnable runner = () -> {
            for (long seed = next.getAndIncrement(); seed <= seeds; seed = next.getAndIncrement()) {
                if (!failed.isEmpty() && seed > failed.firstKey()) {
                    return;
                }
                Simulation.Outcome o;
                try {
                    o = run.apply(seed);
                } catch (Throwable t) { // the run itself broke (not its body): that seed failed
                    o = new Simulation.Outcome(seed, 0, 0, java.time.Duration.ZERO, t);
                }
                if (o.failed()) {
                    failed.put(seed, o);
                } else {
                    passed.incrementAndGet();
                }
            }
        };
        Thread[] started = new Thread[threads - 1];
        for (int i = 0; i < started.length; i++) {
            started[i] = Thread.ofPlatform().name("curio-sim-seeds-" + (i + 1)).start(runner);
        }
        try {
            runner.run(); // this thread is a runner too
        } finally {
            if (joinAll(started, () -> next.set(seeds + 1L))) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while checking seeds 1 to " + seeds
                        + ": " + passed.get() + " passed before the runners stopped");
            }
        }
        if (!failed.isEmpty()) {
            failed.firstEntry().getValue().rethrow();
        }
        return passed.get();
    }

    /**
     * Joins every runner, even when interrupted (no run is left behind): an interrupt calls {@code stop}
     * so the runners take no more seeds, and is reported by returning true.
     */
    private static boolean joinAll(Thread[] runners, Runnable stop) {
        boolean interrupted = Thread.interrupted();
        if (interrupted) {
            stop.run();
        }
        for (Thread t : runners) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.run();
                }
            }
        }
        return interrupted;
    }
}
