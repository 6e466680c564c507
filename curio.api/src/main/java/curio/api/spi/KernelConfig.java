package curio.api.spi;

/**
 * What {@link curio.api.Kernel.Builder} hands to a {@link KernelProvider}.
 *
 * @param selector the chosen selector provider (already checked to be supported)
 * @param carrier "continuation", "virtual", or {@code null} for the automatic choice
 * @param virtualClock whether time jumps ahead when every task waits on time alone
 * @param maxWorkerThreads bound of the per-kernel worker pool used by {@code runInThread}
 */
public record KernelConfig(SelectorProvider selector, String carrier, boolean virtualClock, int maxWorkerThreads) {

    /** Checks the values. */
    public KernelConfig {
        if (selector == null) {
            throw new IllegalArgumentException("selector provider must not be null");
        }
        if (maxWorkerThreads < 1) {
            throw new IllegalArgumentException("maxWorkerThreads must be at least 1, got " + maxWorkerThreads);
        }
    }
}
