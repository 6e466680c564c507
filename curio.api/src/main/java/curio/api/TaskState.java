package curio.api;

/**
 * What a task is doing, as Curio names it: running, ready, or the reason it waits.
 * <p>The wait reasons are informational (the monitor prints them); scheduling never depends on them.
 */
public enum TaskState {
    /** Being created. */
    INITIAL,
    /** On the ready queue, waiting for its turn. */
    READY,
    /** Running now; at most one task of a kernel is in this state. */
    RUNNING,
    /** Waiting until a handle is readable. */
    READ_WAIT,
    /** Waiting until a handle is writable. */
    WRITE_WAIT,
    /** Waiting for work done in another thread. */
    FUTURE_WAIT,
    /** Sleeping until a clock value. */
    TIME_SLEEP,
    /** Waiting for another task to end. */
    TASK_JOIN,
    /** Waiting on an event. */
    EVENT_WAIT,
    /** Waiting to acquire a lock. */
    LOCK_ACQUIRE,
    /** Waiting to acquire a semaphore. */
    SEMA_ACQUIRE,
    /** Waiting on a condition. */
    COND_WAIT,
    /** Waiting for a queue item. */
    QUEUE_GET,
    /** Waiting for room in a bounded queue. */
    QUEUE_PUT,
    /** Waiting until every queue item is done. */
    QUEUE_JOIN,
    /** Suspended on a raw scheduler queue. */
    SUSPEND,
    /** Finished: returned, failed or cancelled. */
    TERMINATED
}
