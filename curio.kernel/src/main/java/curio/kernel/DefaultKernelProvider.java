package curio.kernel;

import curio.api.Activation;
import curio.api.Kernel;
import curio.api.spi.KernelConfig;
import curio.api.spi.KernelProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Provides curio's kernel (id {@code "default"}): one thread, a FIFO ready queue, a time queue and a
 * readiness selector, with tasks carried by continuations or virtual threads. It also assembles what
 * is built on the kernel's activations rather than inside it: JFR recording and the monitor console.
 */
public final class DefaultKernelProvider implements KernelProvider {

    /** Called by {@link java.util.ServiceLoader}; does no work. */
    public DefaultKernelProvider() {}

    @Override
    public String name() {
        return "default";
    }

    /*
     * The order of activations is the order they are called in: the builder's own first, then JFR, then the
     * monitor, and last the backend's watch (added by the loop). A user's tracing hook thus sees a task before
     * any of curio's, and the simulation's watch, which notes each task's host and folds each switch into the
     * trace, sees a step after every other hook has. The monitor's port is bound here, before the kernel exists, so that a busy port
     * fails the build and not the first run; a kernel that then fails to open closes it again.
     */
    @Override
    public Kernel create(KernelConfig config) {
        List<Activation> hooks = new ArrayList<>(config.activations());
        if (config.jfr()) {
            hooks.add(new JfrActivation());
        }
        Monitor monitor = null;
        if (config.monitor() != null) {
            try {
                monitor = new Monitor(config.monitor());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the monitor at " + config.monitor(), e);
            }
            hooks.add(monitor);
        }
        try {
            CurioKernel kernel = new CurioKernel(config, hooks, monitor);
            if (monitor != null) {
                monitor.start(kernel.loop());
            }
            return kernel;
        } catch (RuntimeException | Error e) {
            if (monitor != null) {
                monitor.close(); // the port must not stay bound by a kernel that never existed
            }
            throw e;
        }
    }
}
