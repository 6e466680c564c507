package curio.api.internal;

/**
 * Which kernel the current thread belongs to: the link from {@link curio.api.trap.Traps} to the kernel.
 * <p>A kernel binds itself to every thread that runs its tasks (its own thread for the continuation
 * carrier; each task's virtual thread for the virtual carrier) and unbinds when done. Plain threads
 * have no kernel, so an async call made from one fails at once.
 */
public final class CurrentKernel {

    private static final ThreadLocal<KernelCore> HANDLER = new ThreadLocal<>();

    private CurrentKernel() {}

    /**
     * Returns the kernel bound to this thread, or {@code null}.
     *
     * @return the kernel bound to this thread, or {@code null}
     */
    public static KernelCore get() {
        return HANDLER.get();
    }

    /**
     * Binds {@code handler} to this thread; {@code null} unbinds.
     *
     * @param handler the kernel to bind, or {@code null} to unbind
     */
    public static void set(KernelCore handler) {
        if (handler == null) {
            HANDLER.remove();
        } else {
            HANDLER.set(handler);
        }
    }
}
