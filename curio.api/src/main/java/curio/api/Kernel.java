package curio.api;

import curio.api.spi.KernelConfig;
import curio.api.spi.Providers;
import java.util.Objects;

/**
 * A kernel: runs tasks as coroutines, one at a time, on the thread that calls {@link #run}.
 * {@link Curio#run} is enough for most programs; a kernel gives control over the backend, the clock,
 * and running several main tasks in turn (tasks left alive by one run carry on in the next).
 * <pre>{@code
 * try (Kernel kernel = Kernel.builder().selector("nio").carrier("virtual").virtualClock().build()) {
 *     kernel.run(() -> Curio.sleep(Duration.ofHours(1)));   // returns at once: the clock jumps
 * }
 * }</pre>
 * Closing shuts the kernel down: every task still alive is cancelled, newest first, and its
 * resources are released.
 */
public interface Kernel extends AutoCloseable {

    /**
     * Returns a builder for a kernel with chosen backend, carrier and clock.
     *
     * @return a builder for a kernel with chosen backend, carrier and clock
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code main} as a task until it ends and returns its result (or rethrows its exception
     * unchanged). May be called again on the same kernel, from the same or another thread.
     *
     * @param <T> the type of the result
     * @param main the main task's code
     * @return the body's result
     * @param <X> the checked exception {@code main} may throw, rethrown here unchanged
     * @throws X what {@code main} throws
     * @throws IllegalStateException if the kernel was shut down, is running already, or the calling
     *     thread already runs a kernel
     */
    <T, X extends Exception> T run(AsyncCallable<T, X> main) throws X;

    /**
     * Runs {@code main} as a task until it ends; see {@link #run(AsyncCallable)}.
     *
     * @param <X> the checked exception {@code main} may throw, rethrown here unchanged
     * @param main the main task's code
     * @throws X what {@code main} throws
     */
    default <X extends Exception> void run(AsyncRunnable<X> main) throws X {
        run(Objects.requireNonNull(main, "Kernel.run(): main must not be null").asCallable());
    }

    /**
     * Returns the selector backend's id, e.g. {@code "nio"}.
     *
     * @return the selector backend's id, e
     */
    String selectorName();

    /**
     * Returns the carrier's id: {@code "continuation"} or {@code "virtual"}.
     *
     * @return the carrier's id: {@code "continuation"} or {@code "virtual"}
     */
    String carrierName();

    /**
     * Returns true when the clock is virtual.
     *
     * @return true when the clock is virtual
     */
    boolean virtualClock();

    /**
     * Returns how many worker threads {@link Curio#runInThread} may keep busy at once.
     *
     * @return how many worker threads may run {@code runInThread} work at once
     */
    int maxWorkerThreads();

    /**
     * Returns where the monitor console listens, or null when there is none.
     *
     * @return where the monitor console listens, or null when there is none
     */
    default java.net.SocketAddress monitorAddress() {
        return null;
    }

    /** Shuts the kernel down: cancels every task, newest first, then releases pools and the selector. */
    @Override
    void close();

    /**
     * Configures a kernel. Unset options take their defaults: the selector from {@code -Dcurio.selector}
     * or the best supported provider, the carrier from {@code -Dcurio.carrier} or the fastest allowed
     * (continuation when {@code java.base/jdk.internal.vm} is exported to curio.kernel, else virtual),
     * the real monotonic clock, and 64 worker threads.
     */
    final class Builder {
        private String selector;
        private curio.api.spi.SelectorProvider selectorProvider;
        private String carrier;
        private boolean virtualClock;
        private int maxWorkerThreads = 64;
        private final java.util.List<Activation> activations = new java.util.ArrayList<>();
        private boolean jfr = Boolean.getBoolean("curio.jfr");
        private java.net.InetSocketAddress monitor =
                Boolean.getBoolean("curio.monitor") ? new java.net.InetSocketAddress("127.0.0.1", 48802) : null;

        Builder() {}

        /**
         * Adds activations, called in the order given (Curio's {@code activations=}).
         *
         * @param hooks the activations
         * @return this builder
         */
        public Builder activations(Activation... hooks) {
            for (Activation a : hooks) {
                activations.add(Objects.requireNonNull(a, "activation must not be null"));
            }
            return this;
        }

        /**
         * Adds debugging activations (Curio's {@code debug=}); with none given, {@link Debug#schedTrace()}.
         *
         * @param debuggers the debugging activations
         * @return this builder
         */
        public Builder debug(Activation... debuggers) {
            return debuggers.length == 0 ? activations(Debug.schedTrace()) : activations(debuggers);
        }

        /**
         * Starts the monitor console on 127.0.0.1:48802 ({@code -Dcurio.monitor=true}): {@code ps},
         * {@code where ID}, {@code cancel ID}, {@code parents ID}, {@code help}, {@code quit}.
         *
         * @return this builder
         */
        public Builder monitor() {
            return monitor(new java.net.InetSocketAddress("127.0.0.1", 48802));
        }

        /**
         * Starts the monitor console at {@code address} (port 0 picks a free port; loopback unless you say otherwise).
         *
         * @param address the address
         * @return this builder
         */
        public Builder monitor(java.net.InetSocketAddress address) {
            this.monitor = Objects.requireNonNull(address, "monitor address");
            return this;
        }

        /**
         * Emits JFR events: task created and terminated, traps with their waits, long blocks ({@code -Dcurio.jfr=true}).
         *
         * @return this builder
         */
        public Builder jfr() {
            this.jfr = true;
            return this;
        }

        /**
         * Chooses the selector backend by id ({@code "nio"}, {@code "epoll"}).
         *
         * @param name the name
         * @return this builder
         */
        public Builder selector(String name) {
            this.selector = requireName("selector", name);
            this.selectorProvider = null;
            return this;
        }

        /**
         * Chooses the selector backend by instance: a provider configured in code, such as a simulated
         * network ({@code curio.sim.SimNetwork}), which a name found through ServiceLoader cannot carry.
         *
         * @param provider the provider
         * @return this builder
         * @throws IllegalStateException if the provider is not supported here
         */
        public Builder selector(curio.api.spi.SelectorProvider provider) {
            java.util.Objects.requireNonNull(provider, "selector provider must not be null");
            provider.unsupportedReason().ifPresent(why -> {
                throw new IllegalStateException("Selector '" + provider.name() + "' is not supported here: " + why);
            });
            this.selectorProvider = provider;
            this.selector = null;
            return this;
        }

        /**
         * Chooses the carrier by id ({@code "continuation"}, {@code "virtual"}).
         *
         * @param name the name
         * @return this builder
         */
        public Builder carrier(String name) {
            this.carrier = requireName("carrier", name);
            return this;
        }

        /**
         * Uses a virtual clock: when every task waits on time alone, time jumps to the next deadline.
         *
         * @return this builder
         */
        public Builder virtualClock() {
            this.virtualClock = true;
            return this;
        }

        /**
         * Bounds the worker pool used by {@link Curio#runInThread}.
         *
         * @param n the most worker threads, at least 1
         * @return this builder
         */
        public Builder maxWorkerThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxWorkerThreads must be at least 1, got " + n);
            }
            this.maxWorkerThreads = n;
            return this;
        }

        /**
         * Builds the kernel.
         *
         * @return a new kernel, not yet running
         * @throws IllegalStateException if the selector or carrier asked for is missing or unsupported
         */
        public Kernel build() {
            return Providers.kernel().create(new KernelConfig(
                    selectorProvider != null ? selectorProvider : Providers.selector(selector), carrier, virtualClock,
                    maxWorkerThreads, activations, jfr, monitor));
        }

        private static String requireName(String what, String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " name must not be null or blank");
            }
            return name;
        }
    }
}
