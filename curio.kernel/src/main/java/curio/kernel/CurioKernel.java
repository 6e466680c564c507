package curio.kernel;

import curio.api.Activation;
import curio.api.AsyncCallable;
import curio.api.Kernel;
import curio.api.internal.CurrentKernel;
import curio.api.spi.KernelConfig;
import curio.api.trap.Rethrow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's public face ({@link Kernel}): it opens the backend, binds the calling thread to the kernel
 * for the length of a {@link #run} or {@link #close}, and hands the work to its {@link TaskLoop}. Three
 * roles, three classes: this one is called by applications, {@link TaskLoop} by the traps and the carrier,
 * {@link IoWaits} by the selector.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>At most one thread runs the kernel at a time ({@code running}), and a thread runs at most one
 *     kernel ({@link CurrentKernel}); both are checked on the way in, before anything changes.</li>
 * <li>Once {@code shutDown} is set, the kernel never runs again: its tasks are cancelled, its shutdown
 *     actions have run and its selector is closed.</li>
 * </ul>
 */
final class CurioKernel implements Kernel {

    private static final System.Logger LOG = System.getLogger("curio.kernel");
    private static final AtomicInteger KERNEL_IDS = new AtomicInteger();

    private final String name = "curio-" + KERNEL_IDS.incrementAndGet();
    private final Backend backend;
    private final Carrier carrier;
    private final TaskLoop loop;
    private final int maxWorkerThreads;
    private final Monitor monitor;                      // null unless asked for
    private boolean activated;                          // the thread holding the kernel only
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean shutDown;

    /**
     * @param activations the hooks to call, the provider's (monitor, JFR) included
     * @param monitor the monitor console, closed with the kernel; null for none
     */
    CurioKernel(KernelConfig config, List<Activation> activations, Monitor monitor) {
        this.carrier = Carriers.choose(config.carrier());
        this.backend = new Backend(config);
        // A backend that keeps the time brings its world onto a virtual clock; otherwise the builder decides.
        KernelClock clock = config.virtualClock() || backend.clock != null ? KernelClock.virtualClock() : KernelClock.real();
        if (backend.clock != null) {
            backend.clock.attach(clock::now);
        }
        this.loop = new TaskLoop(name, this, backend, carrier, clock, activations);
        this.maxWorkerThreads = config.maxWorkerThreads();
        this.monitor = monitor;
        StartupReport.log(name, carrier, config.selector());
    }

    @Override
    public <T, X extends Exception> T run(AsyncCallable<T, X> main) throws X {
        Objects.requireNonNull(main, "Kernel.run(): main must not be null");
        enter("Kernel.run()");
        try {
            KernelTask<T> task = carrier.drive(() -> bound(() -> {
                if (!activated) {
                    activated = true;
                    loop.activate();
                }
                return loop.runMain(main);
            }));
            task.markJoined();
            return task.result();
        } catch (Exception e) {
            throw Rethrow.unchecked(e);
        } finally {
            running.set(false);
        }
    }

    @Override
    public void close() {
        if (shutDown) {
            return;
        }
        enter("Kernel.close()");
        try {
            carrier.drive(() -> bound(() -> {
                loop.cancelEverything();
                return null;
            }));
        } catch (Exception e) {
            throw Rethrow.unchecked(e);
        } finally {
            shutDown = true;
            if (monitor != null) {
                monitor.close();
            }
            for (Runnable action : loop.shutdownActions()) {
                runQuietly(action);
            }
            runQuietly(() -> {
                try {
                    backend.selector.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            loop.unjoined().reportAll();
            running.set(false);
        }
    }

    /** The loop behind this face: what the traps, the monitor and the block watch talk to. */
    TaskLoop loop() {
        return loop;
    }

    @Override
    public String selectorName() {
        return backend.selector.name();
    }

    @Override
    public String carrierName() {
        return carrier.name();
    }

    @Override
    public boolean virtualClock() {
        return loop.kernelClock().virtual();
    }

    @Override
    public int maxWorkerThreads() {
        return maxWorkerThreads;
    }

    @Override
    public SocketAddress monitorAddress() {
        return monitor == null ? null : monitor.address();
    }

    @Override
    public String toString() {
        return "Kernel[" + name + ", carrier=" + carrier.name() + ", selector=" + backend.selector.name()
                + (virtualClock() ? ", virtual clock" : "") + "]";
    }

    private void enter(String call) {
        if (CurrentKernel.get() != null) {
            throw new IllegalStateException(call + " called from a thread that already runs a curio kernel"
                    + " (one kernel per thread; inside a task use Curio.spawn(...) instead)");
        }
        if (shutDown) {
            throw new IllegalStateException(call + ": this kernel has been shut down; create a new kernel");
        }
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException(call + ": this kernel is already running in another thread");
        }
    }

    /** Runs {@code body} with this thread bound to the kernel, and watched for tasks that hold it too long. */
    private <T> T bound(Callable<T> body) throws Exception {
        CurrentKernel.set(loop);
        BlockedKernelWatch.watch(loop);
        try {
            return body.call();
        } finally {
            BlockedKernelWatch.unwatch(loop);
            CurrentKernel.set(null);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "shutdown action failed", e);
        }
    }
}
