package curio.api;

import curio.api.trap.BlockingTrap;

/**
 * Hooks into a kernel's life (Curio's {@code Activation}), registered with
 * {@link Kernel.Builder#activations(Activation...)}. Tracing, crash logging, long-block detection and
 * JFR events are built on them (see {@link Debug}); nothing else in the kernel knows about them.
 * Every method runs on the kernel's thread (or the task holding the kernel) and must not block.
 * <p>For each task: {@code created}, then per step {@code running} and {@code suspended}, and after the
 * last step {@code terminated}. {@code suspended} runs in the task's own context just before it
 * suspends (so a stack captured there is the task's), with the trap it suspends on; for the step that
 * ends the task it runs with a null trap.
 */
public interface Activation {

    /**
     * Called once, when the kernel first runs.
     *
     * @param kernel the kernel
     */
    default void activate(Kernel kernel) {}

    /**
     * Called when a task is created and put on the ready queue.
     *
     * @param task the task
     */
    default void created(Task<?> task) {}

    /**
     * Called before each step of a task.
     *
     * @param task the task
     */
    default void running(Task<?> task) {}

    /**
     * Called after each step of a task: with the trap it suspends on, or null when it ended.
     *
     * @param task the task
     * @param trap the trap it suspended in, or null once it ended
     */
    default void suspended(Task<?> task, BlockingTrap trap) {}

    /**
     * Called when a task has ended, before anyone waiting for it runs.
     *
     * @param task the task
     */
    default void terminated(Task<?> task) {}
}
