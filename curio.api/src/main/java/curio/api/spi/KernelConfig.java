package curio.api.spi;

/**
 * What {@link curio.api.Kernel.Builder} hands to a {@link KernelProvider}.
 *
 * @param selector the chosen selector provider (already checked to be supported)
 * @param carrier "continuation", "virtual", or {@code null} for the automatic choice
 * @param virtualClock whether time jumps ahead when every task waits on time alone
 * @param maxWorkerThreads bound of the per-kernel worker pool used by {@code runInThread}
 * @param activations hooks the kernel calls, in order (empty for none)
 * @param jfr whether the kernel emits JFR events
 * @param monitor where the monitor console listens, or null for no monitor
 */
public record KernelConfig(SelectorProvider selector, String carrier, boolean virtualClock, int maxWorkerThreads,
                           java.util.List<curio.api.Activation> activations, boolean jfr,
                           java.net.InetSocketAddress monitor) {

    /**
     * A configuration without activations, JFR or monitor.
     *
     * @param selector the selector name
     * @param carrier the carrier id
     * @param virtualClock whether time jumps when every task waits on time alone
     * @param maxWorkerThreads how many worker threads may be busy at once
     */
    public KernelConfig(SelectorProvider selector, String carrier, boolean virtualClock, int maxWorkerThreads) {
        this(selector, carrier, virtualClock, maxWorkerThreads, java.util.List.of(), false, null);
    }

    /** Checks the values. */
    public KernelConfig {
        activations = java.util.List.copyOf(activations);
        if (selector == null) {
            throw new IllegalArgumentException("selector provider must not be null");
        }
        if (maxWorkerThreads < 1) {
            throw new IllegalArgumentException("maxWorkerThreads must be at least 1, got " + maxWorkerThreads);
        }
    }
}
