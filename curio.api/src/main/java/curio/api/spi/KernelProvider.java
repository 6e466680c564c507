package curio.api.spi;

import curio.api.Kernel;

/**
 * Service that creates kernels; {@code curio.kernel} provides the one implementation.
 * Found with {@link java.util.ServiceLoader} by {@link Kernel#builder()}.
 */
public interface KernelProvider {

    /**
     * Stable lower-case id of the implementation.
     *
     * @return the text
     */
    String name();

    /**
     * Creates a kernel. The kernel owns the selector it opens and closes it on shutdown.
     *
     * @param config what the builder asked for
     * @return a kernel, not yet run
     */
    Kernel create(KernelConfig config);
}
