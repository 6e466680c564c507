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
import java.util.ArrayList;
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
                cancelEverything();
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

    /**
     * Shutdown (CURIO-SPEC 1.4): cancels every task, newest first, each to its end, from a task of the
     * kernel's own.
     * <p>Discussion: newest first, because children are newer than their parents: a group's members end
     * before the task that waits on the group, so the parent's cleanup sees its children gone, as it would
     * have had it cancelled them itself. The cancels are made from a task, not from the loop, because
     * cancelling is a blocking trap (it waits for the task to end) and a cancelled task may run cleanup
     * that makes blocking traps of its own. A task spawned during shutdown (a cleanup that starts one) is
     * caught by the next round; a program that keeps spawning is given up on after 100 rounds, with a
     * warning that says how many tasks were left behind, rather than never letting close() return.
     */
    private void cancelEverything() {
        for (int round = 0; !loop.liveTasks().isEmpty(); round++) {
            if (round == 100) {
                LOG.log(System.Logger.Level.WARNING, "{0}: tasks keep spawning during shutdown; {1} left behind",
                        name, loop.liveTasks().size());
                return;
            }
            List<KernelTask<?>> victims = new ArrayList<>(loop.liveTasks().snapshot().reversed());
            KernelTask<Void> shutdown = loop.systemTask(() -> {
                for (int i = 0; i < victims.size(); i++) {
                    KernelTask<?> t = victims.set(i, null); // an ended task is garbage at once, not at the end
                    t.cancel();
                }
                return null;
            }, "kernel shutdown");
            loop.runUntil(shutdown);
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

    /**
     * The way in, checked before anything changes.
     * <p>Discussion: one kernel per thread, and one thread per kernel at a time. A thread that already runs
     * a kernel and calls {@code run} on another would nest two loops, and the inner one would stall every
     * task of the outer one until it ended; a task wanting concurrency spawns instead. Two threads running
     * the same kernel would break the invariant every trap relies on (the thread holding the kernel owns
     * all its state, without locks); the compare-and-set on {@code running} lets exactly one in. A kernel
     * that was closed has cancelled its tasks and closed its selector, so it cannot run again: the error
     * says to make a new one.
     */
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
