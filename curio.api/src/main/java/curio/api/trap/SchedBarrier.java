package curio.api.trap;

/**
 * A set of suspended tasks that are normally woken all together: events and task joins use it.
 * Waking a subset takes the oldest waiters first.
 * <pre>{@code
 * private final SchedBarrier waiters = new SchedBarrier(this);
 * ...
 * waiters.suspend(TaskState.of("EVENT_WAIT"));   // in wait()
 * waiters.wakeAll();                             // in set()
 * }</pre>
 */
public final class SchedBarrier extends SchedQueue {

    /** Creates an empty barrier. */
    public SchedBarrier() {
        super(null);
    }

    /**
     * Creates an empty barrier belonging to {@code owner}, named in reports as what its waiters wait on.
     *
     * @param owner the primitive, e.g. {@code this} in an event's constructor
     */
    public SchedBarrier(Object owner) {
        super(owner);
    }

    @Override
    public String toString() {
        return "SchedBarrier[waiting=" + size() + "]";
    }
}
