package curio.testkit;

import curio.api.AsyncCallable;
import curio.api.AsyncRunnable;
import curio.api.Kernel;

/** Test kernels: nio selector, a chosen carrier, and the virtual clock so that time costs nothing. */
public final class Kernels {

    private Kernels() {}

    public static Kernel open(String carrier) {
        return Kernel.builder().carrier(carrier).selector("nio").virtualClock().build();
    }

    public static <T> T run(String carrier, AsyncCallable<T> main) {
        try (Kernel k = open(carrier)) {
            return k.run(main);
        }
    }

    public static void run(String carrier, AsyncRunnable main) {
        try (Kernel k = open(carrier)) {
            k.run(main);
        }
    }
}
