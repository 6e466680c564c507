package curio.api;

import curio.api.trap.BlockingTrap;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Debugging activations (Curio's {@code curio.debug}), logging through {@link System.Logger} under
 * {@code curio.debug}:
 * <pre>{@code
 * Kernel.builder().debug(Debug.schedTrace(), Debug.longBlock(Duration.ofMillis(50))).build();
 * }</pre>
 */
public final class Debug {

    private static final System.Logger LOG = System.getLogger("curio.debug");

    private Debug() {}

    /**
     * Logs CREATE, RUN, SUSPEND and TERMINATED for every task step (INFO).
     *
     * @return the activation
     */
    public static Activation schedTrace() {
        return new Activation() {
            @Override public void created(Task<?> t) { LOG.log(System.Logger.Level.INFO, "CREATE:{0}", t); }
            @Override public void running(Task<?> t) { LOG.log(System.Logger.Level.INFO, "RUN:{0}", t); }
            @Override public void suspended(Task<?> t, BlockingTrap trap) {
                LOG.log(System.Logger.Level.INFO, "SUSPEND:{0}", t);
            }
            @Override public void terminated(Task<?> t) { LOG.log(System.Logger.Level.INFO, "TERMINATED:{0}", t); }
        };
    }

    /**
     * Like {@link #schedTrace()}, and logs the trap of every suspension (INFO).
     *
     * @return the activation
     */
    public static Activation trapTrace() {
        Activation sched = schedTrace();
        return new Activation() {
            @Override public void created(Task<?> t) { sched.created(t); }
            @Override public void running(Task<?> t) { sched.running(t); }
            @Override public void suspended(Task<?> t, BlockingTrap trap) {
                sched.suspended(t, trap);
                if (trap != null) {
                    LOG.log(System.Logger.Level.INFO, "TRAP:{0}", trap);
                }
            }
            @Override public void terminated(Task<?> t) { sched.terminated(t); }
        };
    }

    /**
     * Logs "TASK crashed" with the exception when a task ends with a failure that is not a cancellation (ERROR).
     *
     * @return the activation
     */
    public static Activation logCrash() {
        return new Activation() {
            @Override
            public void terminated(Task<?> t) {
                Throwable e = t.exception();
                if (e != null && !(e instanceof CancelledError)) {
                    LOG.log(System.Logger.Level.ERROR, t + " crashed", e);
                }
            }
        };
    }

    /**
     * Reports a task that ran longer than {@code maxTime} between two traps, with its name, how long it
     * ran, and the stack where it finally trapped (WARNING): code that forgot it must not block.
     *
     * @param maxTime the longest a task may run between two traps unreported
     * @return the activation
     */
    public static Activation longBlock(Duration maxTime) {
        long limit = Objects.requireNonNull(maxTime, "maxTime").toNanos();
        return new Activation() {
            private long started; // kernel thread only

            @Override
            public void running(Task<?> t) {
                started = System.nanoTime();
            }

            @Override
            public void suspended(Task<?> t, BlockingTrap trap) {
                long ran = System.nanoTime() - started;
                if (ran > limit) {
                    String stack = Arrays.stream(new Throwable().getStackTrace())
                            .map(f -> "\tat " + f).collect(Collectors.joining("\n"));
                    LOG.log(System.Logger.Level.WARNING, t + " ran for " + ran / 1e9 + " seconds\n" + stack);
                }
            }
        };
    }

    /**
     * Limits another activation to the tasks with these names.
     *
     * @param taskNames the names of the tasks to watch
     * @param inner the activation to limit
     * @return the limited activation
     */
    public static Activation only(Set<String> taskNames, Activation inner) {
        Set<String> names = Set.copyOf(taskNames);
        return new Activation() {
            @Override public void activate(Kernel k) { inner.activate(k); }
            @Override public void created(Task<?> t) { if (names.contains(t.name())) inner.created(t); }
            @Override public void running(Task<?> t) { if (names.contains(t.name())) inner.running(t); }
            @Override public void suspended(Task<?> t, BlockingTrap trap) {
                if (names.contains(t.name())) inner.suspended(t, trap);
            }
            @Override public void terminated(Task<?> t) { if (names.contains(t.name())) inner.terminated(t); }
        };
    }

    /**
     * Reports a wait-for cycle the moment it closes: when a task suspends on something other tasks hold
     * (a lock, a task it joins) and that makes a cycle, logs a WARNING naming every task around it and
     * what each waits on. Costs a walk of the blocked tasks at each such suspension: for debugging.
     * <pre>{@code
     * Kernel.builder().debug(Debug.deadlocks()).build()
     * }</pre>
     *
     * @return the activation
     */
    public static Activation deadlocks() {
        return new Activation() {
            @Override
            public void suspended(Task<?> t, BlockingTrap trap) {
                if (trap instanceof BlockingTrap.SchedWait w && w.queue().owner() instanceof curio.api.trap.Owned) {
                    java.util.Map<Task<?>, Object> waits = curio.api.trap.Traps.waits();
                    for (java.util.List<Task<?>> cycle : curio.api.trap.WaitGraph.cycles(waits)) {
                        if (cycle.contains(t)) {
                            LOG.log(System.Logger.Level.WARNING, "Deadlock cycle closed by " + t + ": "
                                    + curio.api.trap.WaitGraph.describe(cycle, waits));
                        }
                    }
                }
            }
        };
    }
}
