/**
 * The traps, for authors of primitives: {@link curio.api.trap.Traps} is the whole interface to the
 * kernel (Curio's trap list), and {@link curio.api.trap.SchedFIFO} and
 * {@link curio.api.trap.SchedBarrier} are the wait queues every primitive is built from. A primitive is
 * state plus a queue; it needs no lock, because tasks of one kernel never run at the same time.
 * <pre>{@code
 * final class Gate {                                    // opens once; tasks wait until it does
 *     private final SchedBarrier waiters = new SchedBarrier(this);
 *     private boolean open;
 *
 *     void await() { if (!open) waiters.suspend(TaskState.of("EVENT_WAIT")); }
 *     void open()  { open = true; waiters.wakeAll(); }
 * }
 * }</pre>
 */
package curio.api.trap;
