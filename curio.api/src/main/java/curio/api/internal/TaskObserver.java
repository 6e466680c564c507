package curio.api.internal;

/**
 * Receives a task's life events; {@link curio.api.TaskGroup} uses it to track its members.
 * A task has at most one observer.
 */
public interface TaskObserver {

    /**
     * Called in the task's own context after its body ended and before it is marked terminated,
     * so the observer may make non-blocking traps (CURIO-SPEC 3.2).
     *
     * @param task the task
     */
    void taskDone(AbstractTask<?> task);

    /**
     * Called when the task is joined explicitly, which takes it out of its group.
     *
     * @param task the task
     */
    void taskJoined(AbstractTask<?> task);
}
