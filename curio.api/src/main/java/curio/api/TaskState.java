package curio.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a task is doing, as Curio names it: running, ready, or the reason it waits.
 * <p>The kernel's own states are the constants here. A primitive names the state its waiters show, as
 * Curio's {@code _scheduler_wait(queue, 'EVENT_WAIT')} does, with {@link #of(String)}: curio.sync's
 * {@code Event} waits in {@code EVENT_WAIT}, its {@code Queue} in {@code QUEUE_GET}, and a primitive of
 * your own in a state of its own, with nothing to add here. The monitor's {@code ps} and {@code where},
 * deadlock reports and JFR events show the name. Scheduling never depends on a state.
 * <p>States are interned by name, so {@code ==} compares them:
 * <pre>{@code
 * static final TaskState GATE_WAIT = TaskState.of("GATE_WAIT");
 * ...
 * assertSame(TaskState.of("EVENT_WAIT"), waiter.state());
 * }</pre>
 */
public final class TaskState {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final ConcurrentHashMap<String, TaskState> NAMED = new ConcurrentHashMap<>();

    /** Being created. */
    public static final TaskState INITIAL = of("INITIAL");
    /** On the ready queue, waiting for its turn. */
    public static final TaskState READY = of("READY");
    /** Running now; at most one task of a kernel is in this state. */
    public static final TaskState RUNNING = of("RUNNING");
    /** Waiting until a handle is readable. */
    public static final TaskState READ_WAIT = of("READ_WAIT");
    /** Waiting until a handle is writable. */
    public static final TaskState WRITE_WAIT = of("WRITE_WAIT");
    /** Waiting for work done in another thread. */
    public static final TaskState FUTURE_WAIT = of("FUTURE_WAIT");
    /** Sleeping until a clock value. */
    public static final TaskState TIME_SLEEP = of("TIME_SLEEP");
    /** Waiting for another task to end. */
    public static final TaskState TASK_JOIN = of("TASK_JOIN");
    /** Suspended on a wait queue that gave no reason of its own (Curio's default {@code SUSPEND}). */
    public static final TaskState SUSPEND = of("SUSPEND");
    /** Ended: returned, failed or cancelled. */
    public static final TaskState TERMINATED = of("TERMINATED");

    private final String name;

    private TaskState(String name) {
        this.name = name;
    }

    /**
     * Returns the state called {@code name}, made on first use: a primitive's wait state, such as
     * {@code "EVENT_WAIT"} or {@code "QUEUE_GET"}.
     *
     * @param name upper-case letters, digits and underscores, starting with a letter, as Curio's states are
     * @return the one state of that name
     * @throws IllegalArgumentException if the name is not of that form
     */
    public static TaskState of(String name) {
        TaskState known = NAMED.get(name);
        if (known != null) {
            return known;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a task state is named in upper case, as Curio's are"
                    + " (EVENT_WAIT, QUEUE_GET): got " + (name == null ? "null" : "'" + name + "'"));
        }
        return NAMED.computeIfAbsent(name, TaskState::new);
    }

    /**
     * Returns the state's name, as Curio shows it ({@code "EVENT_WAIT"}).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns whether the task waits (it is neither being created, ready, running nor ended).
     *
     * @return true in a wait state
     */
    public boolean waiting() {
        return this != INITIAL && this != READY && this != RUNNING && this != TERMINATED;
    }

    /** Returns the name. */
    @Override
    public String toString() {
        return name;
    }
}
