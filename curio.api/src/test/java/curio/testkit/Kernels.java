package curio.testkit;

import curio.api.AsyncCallable;
import curio.api.AsyncRunnable;
import curio.api.Kernel;

/**
 * Test kernels. A backend id is a carrier ("virtual") or "selector/carrier" ("epoll/virtual"); a bare
 * carrier uses the nio selector. {@link #open} gives the virtual clock, so time costs nothing;
 * {@link #realTime} the real one, for tests that wait for other processes.
 */
public final class Kernels {

    private Kernels() {}

    private static Kernel.Builder builder(String backend) {
        int slash = backend.indexOf('/');
        String selector = slash < 0 ? "nio" : backend.substring(0, slash);
        String carrier = slash < 0 ? backend : backend.substring(slash + 1);
        return Kernel.builder().selector(selector).carrier(carrier);
    }

    public static Kernel open(String backend) {
        return builder(backend).virtualClock().build();
    }

    public static Kernel realTime(String backend) {
        return builder(backend).build();
    }

    public static <T> T run(String backend, AsyncCallable<T> main) {
        try (Kernel k = open(backend)) {
            return k.run(main);
        }
    }

    public static void run(String backend, AsyncRunnable main) {
        try (Kernel k = open(backend)) {
            k.run(main);
        }
    }
}
