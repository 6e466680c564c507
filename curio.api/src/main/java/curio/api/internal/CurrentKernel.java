package curio.api.internal;

import java.util.Arrays;

/**
 * Which kernel the current thread belongs to: the link from {@link curio.api.trap.Traps} to the kernel.
 * <p>A kernel binds itself to the thread that runs its loop ({@link #set}) and unbinds when done. While
 * tasks run, a thread-local cannot say which kernel it is: the continuation carrier installs each task's own
 * thread-locals on the loop's thread, and the virtual carrier runs each task on a thread of its own. Both
 * register as a {@link Baton} instead, and a thread belongs to a kernel while it holds its baton; the
 * batons are asked first. Plain threads have no kernel, so an async call made from one fails at once.
 */
public final class CurrentKernel {

    private static final ThreadLocal<KernelCore> HANDLER = new ThreadLocal<>();

    /*
     * Binding each task's thread with the thread-local would give every task a ThreadLocalMap of its
     * own (136 bytes, a tenth of an idle task). A task's thread runs only while it holds its kernel,
     * so the kernel is found by asking the registered batons which of them the thread holds: one
     * field compared per running kernel, on every trap. Copy-on-write: kernels start and stop rarely.
     */
    private static volatile Baton[] batons = new Baton[0];

    private CurrentKernel() {}

    /**
     * A kernel held by one thread at a time: the loop's thread while the continuation carrier runs tasks on
     * it, or the task's own thread that holds the virtual carrier's baton.
     */
    public interface Baton {
        /**
         * Returns this kernel if {@code thread} holds it now, else {@code null}. It must never answer
         * for a thread that does not hold it; a thread that does must see itself as the holder.
         *
         * @param thread the current thread
         * @return this kernel if {@code thread} holds it, else {@code null}
         */
        KernelCore heldBy(Thread thread);
    }

    /**
     * Returns the kernel bound to this thread, or {@code null}.
     *
     * @return the kernel bound to this thread, or {@code null}
     */
    public static KernelCore get() {
        Thread thread = Thread.currentThread();
        for (Baton b : batons) {
            KernelCore k = b.heldBy(thread);
            if (k != null) {
                return k;
            }
        }
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

    /**
     * Registers {@code baton}: until {@link #release}, a virtual thread holding it belongs to its kernel.
     *
     * @param baton the kernel passed between threads
     */
    public static synchronized void register(Baton baton) {
        Baton[] now = Arrays.copyOf(batons, batons.length + 1);
        now[now.length - 1] = baton;
        batons = now;
    }

    /**
     * Removes a baton {@link #register} added; one that is not registered is an error.
     *
     * @param baton the baton to remove
     */
    public static synchronized void release(Baton baton) {
        Baton[] old = batons;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == baton) {
                Baton[] now = new Baton[old.length - 1];
                System.arraycopy(old, 0, now, 0, i);
                System.arraycopy(old, i + 1, now, i, old.length - i - 1);
                batons = now;
                return;
            }
        }
        throw new IllegalStateException("release of a baton that is not registered: " + baton);
    }
}
