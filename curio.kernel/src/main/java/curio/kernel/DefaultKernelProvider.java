package curio.kernel;

import curio.api.Kernel;
import curio.api.spi.KernelConfig;
import curio.api.spi.KernelProvider;

/**
 * Provides curio's kernel (id {@code "default"}): one thread, a FIFO ready queue, a time queue and a
 * readiness selector, with tasks carried by continuations or virtual threads.
 */
public final class DefaultKernelProvider implements KernelProvider {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public DefaultKernelProvider() {}

    @Override
    public String name() {
        return "default";
    }

    @Override
    public Kernel create(KernelConfig config) {
        return new CurioKernel(config);
    }
}
