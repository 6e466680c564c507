package curio.sync;

import curio.api.TaskState;
import curio.api.trap.SchedBarrier;

/**
 * A flag that tasks can wait for (Curio's {@code Event}). Setting it wakes every waiting task; while it
 * stays set, {@link #await()} returns at once without a cancellation point.
 * <pre>{@code
 * Event ready = new Event();
 * Curio.spawn(() -> { ready.await(); System.out.println("go"); });
 * ready.set();
 * }</pre>
 * Not thread-safe: an event belongs to the tasks of one kernel (see {@link UniversalEvent} for threads).
 */
public final class Event {

    private static final TaskState EVENT_WAIT = TaskState.of("EVENT_WAIT"); // Curio's name for this wait

    private boolean set;                                     // kernel thread only
    private final SchedBarrier waiters = new SchedBarrier(this); // tasks blocked in await()

    /** Creates an event that is not set. */
    public Event() {}

    /**
     * Waits until the event is set; returns at once if it is. A cancellation point only when it waits.
     * Must be called from a task; from a plain thread it throws {@code IllegalStateException}.
     */
    public void await() {
        if (!set) {
            waiters.suspend(EVENT_WAIT);
        }
    }

    /** Sets the event and wakes every waiting task; never blocks. Must be called from a task. */
    public void set() {
        set = true;
        if (!waiters.isEmpty()) {
            waiters.wakeAll();
        }
    }

    /** Clears the event, so that later waiters block again. */
    public void clear() {
        set = false;
    }

    /**
     * Returns whether the event is set.
     *
     * @return whether the event is set
     */
    public boolean isSet() {
        return set;
    }

    /**
     * Returns a snapshot for monitoring.
     *
     * @return a snapshot for monitoring
     */
    public EventStatistics statistics() {
        return new EventStatistics(set, waiters.size());
    }

    /**
     * What an event is doing.
     *
     * @param set whether it is set
     * @param waiting how many tasks wait for it
     */
    public record EventStatistics(boolean set, int waiting) {}

    @Override
    public String toString() {
        return "Event[" + (set ? "set" : "unset") + ", waiting=" + waiters.size() + "]";
    }
}
