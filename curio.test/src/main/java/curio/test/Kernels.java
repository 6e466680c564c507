package curio.test;

import curio.api.AsyncCallable;
import curio.api.AsyncRunnable;
import curio.api.Kernel;

/**
 * Test kernels. A backend id is {@code "carrier, selector"} (what {@link Backends#all()} gives, e.g.
 * {@code "virtual, epoll"}) or a bare carrier ({@code "virtual"}), which uses the nio selector.
 * {@link #open} gives the virtual clock, so sleeps and timeouts cost no real time; {@link #realTime} the
 * real one, for tests that wait for other processes.
 * <pre>{@code
 * @EachBackend
 * void echoes(String backend) {
 *     assertEquals("hi", Kernels.run(backend, () -> roundTrip("hi")));
 * }
 * }</pre>
 */
public final class Kernels {

    private Kernels() {}

    private static Kernel.Builder builder(String backend) {
        int comma = backend.indexOf(',');
        String carrier = comma < 0 ? backend.strip() : backend.substring(0, comma).strip();
        String selector = comma < 0 ? "nio" : backend.substring(comma + 1).strip();
        Backends.unavailable(carrier).ifPresent(why -> {
            throw new IllegalStateException("cannot test on " + backend + ": " + why);
        });
        return Kernel.builder().selector(selector).carrier(carrier);
    }

    /**
     * Opens a kernel with the virtual clock on {@code backend}.
     *
     * @param backend the backend id, e.g. {@code "continuation, epoll"}, as {@link Backends#all()} gives it
     * @return the kernel, not yet running
     */
    public static Kernel open(String backend) {
        return builder(backend).virtualClock().build();
    }

    /**
     * Opens a kernel with the real clock on {@code backend}.
     *
     * @param backend the backend id, e.g. {@code "continuation, epoll"}, as {@link Backends#all()} gives it
     * @return the kernel, not yet running
     */
    public static Kernel realTime(String backend) {
        return builder(backend).build();
    }

    /**
     * Runs {@code main} in a fresh real-clock kernel on {@code backend}, closes it, returns main's result: for
     * tests that wait on threads, processes or peers outside the kernel.
     *
     * @param <T> the type of the result
     * @param backend the backend id, e.g. {@code "continuation, epoll"}, as {@link Backends#all()} gives it
     * @param main the main task's code; what it throws is rethrown unchanged, as by {@link #run(String, AsyncCallable)}
     * @return the body's result
     */
    public static <T> T realTime(String backend, AsyncCallable<T, ?> main) {
        try (Kernel k = realTime(backend)) {
            return k.run(anyThrows(main));
        }
    }

    /**
     * Runs {@code main} in a fresh virtual-clock kernel on {@code backend}, closes it, returns main's result.
     *
     * @param <T> the type of the result
     * @param backend the backend id, e.g. {@code "continuation, epoll"}, as {@link Backends#all()} gives it
     * @param main the main task's code; it may throw anything, as a test method may, and what it throws is
     *     rethrown unchanged (a checked exception unchecked: a test's assertions need no {@code throws} clause)
     * @return the body's result
     */
    public static <T> T run(String backend, AsyncCallable<T, ?> main) {
        try (Kernel k = open(backend)) {
            return k.run(anyThrows(main));
        }
    }

    /** The body as one the compiler treats as throwing nothing checked: the test kit's runs rethrow unchanged. */
    @SuppressWarnings("unchecked")
    private static <T> AsyncCallable<T, RuntimeException> anyThrows(AsyncCallable<T, ?> main) {
        return (AsyncCallable<T, RuntimeException>) main;
    }

    /**
     * Runs {@code main} in a fresh virtual-clock kernel on {@code backend}, then closes it.
     *
     * @param backend the backend id, e.g. {@code "continuation, epoll"}, as {@link Backends#all()} gives it
     * @param main the main task's code; it may throw anything, rethrown unchanged as by {@link #run(String, AsyncCallable)}
     */
    public static void run(String backend, AsyncRunnable<?> main) {
        run(backend, main.asCallable());
    }
}
