package curio.api;

/**
 * Ends {@link Kernel#run} when no task of the kernel can ever run again: nothing is ready, no timer is
 * pending, and no task waits on I/O or on another thread, yet tasks are blocked (on an event nobody will
 * set, on each other, on a queue nobody fills). Curio waits forever in that state; curio-java says so.
 * The message lists every blocked task: its id and name, what it waits on (the primitive, or the task
 * it joins) and the line of user code where it blocked, then any wait-for cycle among them.
 * <pre>
 * Deadlock: no task of this kernel can ever run again ...
 *   task 1 'main' TASK_JOIN on Task(id=2, ...) at Example.main(Example.java:12)
 *   task 2 'Example.lambda' EVENT_WAIT on Event[unset, waiting=1] at Example.lambda$main$0(Example.java:9)
 * </pre>
 */
public class DeadlockException extends CurioException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param report the blocked tasks, one per line
     */
    public DeadlockException(String report) {
        super(report);
    }
}
