package curio.sim;

import curio.api.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs a whole networked program in one simulated world, from a seed: the kernel, its selector
 * (a fresh {@link SimNetwork}) and a watch on every task, so that {@link Outcome#traceHash()} covers
 * the kernel's switches as well as the network's events.
 * <pre>{@code
 * Simulation.Outcome o = Simulation.run(7, Hardship.ROUGH, net -> {
 *     net.host("server").run(() -> Net.tcpServer("", 7000, Echo::serve));
 *     net.host("client").spawn(() -> talkTo("server", 7000)).join();
 * });
 * o.rethrow();                    // the body's failure, naming the seed and how to replay it
 *
 * Simulation.check(500, Hardship.ROUGH, net -> { ... });   // 500 seeds; the first failure, replayable
 * Simulation.replayCheck(() -> Simulation.run(7, Hardship.ROUGH, body));  // twice: the same events?
 * }</pre>
 * A run must not wait for other threads (workers, files, subprocesses): the kernel refuses, since
 * their real-time completion would make two runs of one seed differ.
 */
public final class Simulation {

    /** The system property that replays one seed in {@link #check} (and in the test kit's seeded tests). */
    public static final String SEED_PROPERTY = "curio.sim.seed";

    private Simulation() {}

    /** The program: it runs as the main task, on {@link SimNetwork#localhost()}. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the simulated program.
         *
         * @param net the network, for hosts and hardship commands
         * @throws Exception whatever the program throws: the run's failure
         */
        void run(SimNetwork net) throws Exception;
    }

    /**
     * What one run did.
     *
     * @param seed the seed
     * @param traceHash the digest of every kernel switch and socket event; equal for equal seeds
     * @param traceLength how many events went into the hash
     * @param simulatedTime how much simulated time the run took
     * @param failure what the body threw, or null
     */
    public record Outcome(long seed, long traceHash, long traceLength, Duration simulatedTime, Throwable failure) {

        /**
         * Returns whether the body failed.
         *
         * @return true if it threw
         */
        public boolean failed() {
            return failure != null;
        }

        /**
         * Throws the body's failure, wrapped in an {@link AssertionError} that names the seed and the
         * system property that replays it; does nothing for a run that passed.
         */
        public void rethrow() {
            if (failure != null) {
                throw new AssertionError("simulation failed with seed " + seed + " (replay it with -D" + SEED_PROPERTY
                        + "=" + seed + "): " + headline(failure), failure);
            }
        }

        /**
         * The failure as its first line should read: the user's own failure, not the {@code TaskError} of each task
         * that joined the one that failed ("in task '...'" says where it happened).
         */
        static String headline(Throwable failure) {
            Throwable own = failure;
            curio.api.TaskError innermost = null; // the task that failed itself
            while (own instanceof curio.api.TaskError te && te.getCause() != null) {
                innermost = te;
                own = te.getCause();
            }
            if (innermost == null) {
                return failure.toString();
            }
            return own + (innermost.getMessage() == null ? "" : " (" + innermost.getMessage() + ")");
        }
    }

    /**
     * Runs {@code body} once, on the carrier chosen as for any kernel.
     *
     * @param seed every random choice comes from it
     * @param hardship the network-wide policy
     * @param body the program
     * @return what happened
     */
    public static Outcome run(long seed, Hardship hardship, Body body) {
        return run(seed, hardship, null, body);
    }

    /**
     * Runs {@code body} once on a chosen carrier ({@code "continuation"} or {@code "virtual"}).
     *
     * @param seed every random choice comes from it
     * @param hardship the network-wide policy
     * @param carrier the carrier, or null for the automatic choice
     * @param body the program
     * @return what happened
     */
    public static Outcome run(long seed, Hardship hardship, String carrier, Body body) {
        return run(seed, hardship, carrier, DEFAULT_LIMIT, body);
    }

    /** How much simulated time a run may take before it is failed as a livelock: one day. */
    public static final Duration DEFAULT_LIMIT = Duration.ofDays(1);

    /**
     * Runs {@code body} once on a chosen carrier, failing it if it takes more than {@code limit} of
     * simulated time: a program that never ends keeps a simulation busy for good (time jumps from one
     * retry to the next), where a real one would merely be slow.
     *
     * @param seed every random choice comes from it
     * @param hardship the network-wide policy
     * @param carrier the carrier, or null for the automatic choice
     * @param limit the most simulated time the body may take
     * @param body the program
     * @return what happened
     */
    public static Outcome run(long seed, Hardship hardship, String carrier, Duration limit, Body body) {
        List<Recorded> recording = RECORDING.get();
        if (recording == null) {
            return run(seed, hardship, carrier, limit, body, null);
        }
        EventLog log = new EventLog();
        Outcome o = run(seed, hardship, carrier, limit, body, log);
        recording.add(new Recorded(o, log));
        return o;
    }

    /** One run that a {@link #replayCheck(Callable)} saw, with its events. */
    private record Recorded(Outcome outcome, EventLog events) {}

    /** The runs this thread has made inside the call of a {@link #replayCheck(Callable)}; null outside one. */
    private static final ThreadLocal<List<Recorded>> RECORDING = new ThreadLocal<>();

    private static Outcome run(long seed, Hardship hardship, String carrier, Duration limit, Body body, EventLog log) {
        java.util.Objects.requireNonNull(body, "body");
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the simulated time limit must be positive, got " + limit);
        }
        SimNetwork net = new SimNetwork(seed).hardship(hardship).limit(limit);
        net.trace.log(log);
        Kernel.Builder b = Kernel.builder().selector(net); // the kernel installs the network's watch on its tasks
        if (carrier != null) {
            b.carrier(carrier);
        }
        Throwable failure = null;
        try (Kernel k = b.build()) {
            k.run(() -> body.run(net));
        } catch (Throwable t) {
            failure = t;
        }
        if (log != null) {
            log.hosts(net.hostNames());
        }
        return new Outcome(seed, net.traceHash(), net.traceLength(), Duration.ofNanos(net.clock()), failure);
    }

    /** Set to {@code all} to check every seed of a {@link #check} for determinism, not only the first and the failing. */
    public static final String DETERMINISM_PROPERTY = "curio.sim.determinism";

    /**
     * Runs {@code seed} twice and compares what the two runs did, event by event: a run must be a function of its
     * seed. Returns the first run's outcome when they agree.
     *
     * @param seed the seed
     * @param hardship the network-wide policy
     * @param body the program; it runs twice, so whatever it shares outside a run it must not count on
     * @return the first run's outcome
     * @throws AssertionError when the runs part, naming the first event where they do and what each run did
     */
    public static Outcome replayCheck(long seed, Hardship hardship, Body body) {
        EventLog first = new EventLog();
        EventLog second = new EventLog();
        Outcome a = run(seed, hardship, null, DEFAULT_LIMIT, body, first);
        Outcome b = run(seed, hardship, null, DEFAULT_LIMIT, body, second);
        String parting = parting(a, first, b, second);
        if (parting != null) {
            throw new AssertionError("seed " + seed + " is not a function of its seed: two runs of it " + parting
                    + LEAKED);
        }
        return a;
    }

    /**
     * Calls {@code action} twice on this thread and checks that the simulations it ran with {@link #run} did the
     * same both times, event by event: the determinism check for code that runs simulations itself (a test that
     * calls {@code run} for its seed; {@code @EachSeed} checks its first seed and every failing seed this way).
     * Runs made on other threads are not seen.
     * <pre>{@code
     * Simulation.replayCheck(() -> { myTest(7); return null; });
     * }</pre>
     *
     * @param action what to call twice; it must keep its state inside the call
     * @param <T> what it returns
     * @return what the first call returned
     * @throws AssertionError when the two calls ran a different number of simulations, or runs that part,
     *     naming the run, the first event where the two part and what each did there; its cause is what the first
     *     call threw, if it threw
     * @throws Exception what the first call threw, when the two calls did the same
     */
    public static <T> T replayCheck(Callable<T> action) throws Exception {
        java.util.Objects.requireNonNull(action, "action");
        if (RECORDING.get() != null) {
            throw new IllegalStateException("Simulation.replayCheck is already checking this thread's runs: the"
                    + " action must not check itself");
        }
        Called<T> first = recorded(action);
        Called<T> second = recorded(action);
        String parting = first.runs.size() != second.runs.size()
                ? "the first call ran " + first.runs.size() + " simulations and the second " + second.runs.size()
                : null;
        for (int i = 0; parting == null && i < first.runs.size(); i++) {
            Recorded a = first.runs.get(i);
            Recorded b = second.runs.get(i);
            String p = parting(a.outcome, a.events, b.outcome, b.events);
            if (p != null) {
                parting = "simulation " + (i + 1) + " of the call (seed " + a.outcome.seed()
                        + (a.outcome.seed() == b.outcome.seed() ? "" : " in the first, " + b.outcome.seed() + " in the second")
                        + ") is not a function of its seed: two runs of it " + p;
            }
        }
        if (parting != null) {
            throw new AssertionError("two calls did not do the same: " + parting + LEAKED, first.thrown);
        }
        if (first.thrown instanceof Exception e) {
            throw e;
        }
        if (first.thrown instanceof Error e) {
            throw e;
        }
        return first.returned;
    }

    /** One call of a {@link #replayCheck(Callable)}: what it returned or threw and the runs it made. */
    private record Called<T>(T returned, Throwable thrown, List<Recorded> runs) {}

    private static <T> Called<T> recorded(Callable<T> action) {
        List<Recorded> runs = new ArrayList<>();
        RECORDING.set(runs);
        try {
            return new Called<>(action.call(), null, runs);
        } catch (Throwable t) {
            return new Called<>(null, t, runs);
        } finally {
            RECORDING.remove();
        }
    }

    private static final String LEAKED = ". Something outside the simulation leaked in: System.nanoTime or"
            + " currentTimeMillis, new Random or Math.random, a thread, a file, or state the body keeps between runs"
            + " (see the README's \"What a simulation does not see\")";

    /** Where two runs of one seed part, in words ("part at event ..."), or null when they did the same. */
    private static String parting(Outcome a, EventLog first, Outcome b, EventLog second) {
        int i = EventLog.firstDifference(first, second);
        if (i < 0) {
            return a.traceHash() == b.traceHash() ? null : "record the same events but end with different hashes";
        }
        return "part at event " + i + ", at " + Duration.ofNanos(Math.max(first.timeOf(i), second.timeOf(i)))
                + " of simulated time. First run: " + first.describe(i) + "; second run: " + second.describe(i);
    }

    /**
     * Runs {@code body} under seeds 1 to {@code seeds} (or only the seed in {@code -Dcurio.sim.seed})
     * and throws at the first failure, naming its seed and how to replay it. The first seed, and a seed that
     * fails, run twice and must do the same both times ({@link #replayCheck}); every seed does with
     * {@code -Dcurio.sim.determinism=all}.
     *
     * @param seeds how many seeds
     * @param hardship the network-wide policy
     * @param body the program
     * @return how many runs passed
     * @throws AssertionError for the first run that failed
     */
    public static int check(int seeds, Hardship hardship, Body body) {
        return check(seeds, hardship, 1, body);
    }

    /**
     * Runs {@code body} under seeds 1 to {@code seeds} (or only the seed in {@code -Dcurio.sim.seed}),
     * up to {@code parallelism} seeds at a time, each on a kernel of its own in a thread of its own,
     * and throws for the lowest seed that failed: the same seed, and the same failure, as one seed after
     * another would find, since a run depends on nothing but its seed. Seeds are started in order, and
     * once one fails no higher seed is started.
     * <p>With a parallelism above 1 the body runs on several threads at once: a run's state belongs
     * inside the body, and whatever the body shares with other runs must be safe for threads.
     * <pre>{@code
     * Simulation.check(1000, Hardship.ROUGH, Runtime.getRuntime().availableProcessors(), net -> { ... });
     * }</pre>
     *
     * @param seeds how many seeds
     * @param hardship the network-wide policy
     * @param parallelism how many seeds may run at once: 1 runs them one after another on this thread
     * @param body the program
     * @return how many runs passed
     * @throws AssertionError for the lowest seed that failed
     */
    public static int check(int seeds, Hardship hardship, int parallelism, Body body) {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        java.util.Objects.requireNonNull(body, "body");
        if (curio.api.trap.Traps.inTask()) {
            throw new IllegalStateException("Simulation.check runs kernels of its own and waits for them: call it from a"
                    + " plain thread (a test method), not from a task");
        }
        Long only = Long.getLong(SEED_PROPERTY);
        if (only != null) {
            run(only, hardship, body).rethrow();
            return 1;
        }
        boolean all = "all".equals(System.getProperty(DETERMINISM_PROPERTY));
        java.util.function.LongFunction<Outcome> one = seed -> {
            Outcome o = all || seed == 1 ? replayCheck(seed, hardship, body) : run(seed, hardship, body);
            return o.failed() && !all && seed != 1 ? replayCheck(seed, hardship, body) : o;
        };
        if (parallelism == 1) {
            for (long seed = 1; seed <= seeds; seed++) {
                one.apply(seed).rethrow();
            }
            return seeds;
        }
        return SeedRunners.check(seeds, Math.min(parallelism, seeds), one::apply);
    }
}
