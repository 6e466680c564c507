package curio.kernel;

import curio.api.AsyncCallable;
import curio.api.CancelledError;
import curio.api.DeadlockException;
import curio.api.Kernel;
import curio.api.ReadResourceBusy;
import curio.api.Task;
import curio.api.TaskState;
import curio.api.TaskTimeout;
import curio.api.WriteResourceBusy;
import curio.api.internal.Cancellations;
import curio.api.internal.CurrentKernel;
import curio.api.spi.IoHandle;
import curio.api.spi.KernelConfig;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.ReadyHandler;
import curio.api.spi.SimulatedSelector;
import curio.api.trap.Rethrow;
import curio.api.internal.AbstractTask;
import curio.api.internal.TaskObserver;
import curio.api.internal.KernelCore;
import curio.api.trap.BlockingTrap;
import curio.api.trap.BlockingTrap.FutureWait;
import curio.api.trap.BlockingTrap.ReadWait;
import curio.api.trap.BlockingTrap.SchedWait;
import curio.api.trap.BlockingTrap.Sleep;
import curio.api.trap.BlockingTrap.WriteWait;
import curio.api.trap.SchedBarrier;
import curio.api.trap.SchedQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The kernel: a ready queue, a time queue and a selector, driven by one loop on one thread. It keeps
 * the loop, the trap dispatch and the life of tasks; everything else (timeouts, groups, the worker
 * pool, sync primitives, sockets, the monitor, JFR) is written on the traps or on activations.
 *
 * <h2>The loop (CURIO-SPEC 1.5)</h2>
 * <pre>
 * Repeatedly, until the loop's main task has terminated:
 *   1. poll I/O: wait in the selector (0 if a task is ready or something was posted, else until the
 *      next deadline; under a virtual clock, jump to it when every task waits on time alone), ready
 *      the task waiting on each ready direction, then run what other threads posted;
 *   2. expire timers up to now, earliest first: a sleep readies its task, a timeout raises
 *      TaskTimeout in a blocked task or leaves it pending;
 *   3. run the tasks that were ready when this phase began, in FIFO order, each until it makes
 *      a blocking trap or ends; tasks readied meanwhile wait for the next cycle.
 * </pre>
 * The carrier drives the loop by asking {@link #next()} for one task at a time; on the virtual carrier
 * the suspending task's own thread asks, so the loop runs on whichever thread holds the kernel.
 *
 * <h2>Where the state lives, and what holds</h2>
 * <ul>
 * <li>All fields under "kernel state" belong to the thread holding the kernel: the kernel thread in the
 *     loop, or the running task inside a trap. Traps are therefore plain method calls, without locks.
 *     Other threads get in only through {@link #post} (an MPSC queue, then a selector wake-up).</li>
 * <li>A task is blocked iff its {@code cancelAction} is non-null; that action undoes the wait (unlinks
 *     it from a wait queue, clears an I/O slot, drops a stale future), so a cancel or a timeout never
 *     leaves a waiter behind. A task is in {@code ready} at most once, and never while blocked.</li>
 * <li>{@code externalWaits} counts tasks waiting on I/O or on another thread; while it is non-zero the
 *     virtual clock must not jump, because the outside world keeps real time.</li>
 * <li>I/O interest is unregistered lazily (deferred): when a waiter leaves, its interest bit stays
 *     registered, because the next wait on a busy socket usually comes within a cycle and re-adding
 *     it would cost two system calls. Only when the selector reports readiness that no task waits for
 *     is the bit dropped ({@link #ioReady}); {@link #ioRelease} drops all of it before a close.
 *     {@code watchedHandles} counts handles with some interest, so a zero-timeout poll with none is
 *     skipped.</li>
 * <li>The time queue may hold stale entries (a sleep that was cancelled, a timeout that was narrowed):
 *     each entry is checked against its task's current deadline when it comes due.</li>
 * </ul>
 */
final class CurioKernel implements Kernel, KernelCore {

    private static final System.Logger LOG = System.getLogger("curio.kernel");
    private static final AtomicInteger KERNEL_IDS = new AtomicInteger();

    // -- configuration (immutable)
    private final String name = "curio-" + KERNEL_IDS.incrementAndGet();
    private final ReadinessSelector selector;
    private final Carrier carrier;
    private final KernelClock clock;
    private final curio.api.Activation[] activations; // empty when none: each hook is one length check
    private boolean activated;                          // kernel thread only
    private final int maxWorkerThreads;
    private final Monitor monitor;                      // null unless asked for

    // -- kernel state: the kernel thread, or the task holding the kernel, only
    private final ArrayDeque<KernelTask<?>> ready = new ArrayDeque<>();
    private final TimeQueue timers = new TimeQueue();
    private final LiveTasks tasks = new LiveTasks();
    private final Map<Object, Object> locals = new HashMap<>();
    private final List<Runnable> shutdownActions = new ArrayList<>();
    private final UnjoinedTasks unjoined = new UnjoinedTasks();
    private final Consumer<Task<?>> wakeFromQueue = this::wokenFromQueue;
    private final ReadyHandler onReady = this::ioReady;
    private final Carrier.Scheduler scheduler = this::next;
    private KernelTask<?> current;      // the running task, or null in the loop
    private KernelTask<?> loopMain;     // the loop ends once this task has terminated (main, or a shutdown task)
    private int phaseLeft;         // tasks still to hand out in this cycle's run phase
    private int externalWaits;     // tasks waiting on I/O or another thread: time cannot jump
    private final SimulatedSelector simulated; // the selector when its world is simulated, else null
    private final int ioWait;      // what an I/O wait adds to externalWaits: 0 when simulated, where I/O is not outside
    private int watchedHandles;    // handles with a non-zero interest registered in the selector

    // -- the only way in from other threads: post() then selector wake-up
    private final MpscUnboundedAtomicArrayQueue<Runnable> inbox = new MpscUnboundedAtomicArrayQueue<>(128);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean shutDown;

    /**
     * @param activations the hooks to call, the provider's (monitor, JFR) included
     * @param monitor the monitor console, closed with the kernel; null for none
     */
    CurioKernel(KernelConfig config, List<curio.api.Activation> activations, Monitor monitor) {
        this.carrier = Carriers.choose(config.carrier());
        ReadinessSelector opened;
        try {
            opened = config.selector().open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open selector '" + config.selector().name() + "'", e);
        }
        this.selector = opened;
        this.simulated = opened instanceof SimulatedSelector s ? s : null;
        this.ioWait = simulated != null ? 0 : 1;
        this.clock = config.virtualClock() || simulated != null ? KernelClock.virtualClock() : KernelClock.real();
        if (simulated != null) {
            simulated.attach(clock::now);
        }
        this.maxWorkerThreads = config.maxWorkerThreads();
        curio.api.Activation watch = simulated != null ? simulated.activation() : null;
        this.activations = java.util.stream.Stream.concat(activations.stream(), java.util.stream.Stream.ofNullable(watch))
                .toArray(curio.api.Activation[]::new);
        this.monitor = monitor;
        StartupReport.log(name, carrier, config.selector());
    }

    // ------------------------------------------------------------------ Kernel

    @Override
    public <T, X extends Exception> T run(AsyncCallable<T, X> main) throws X {
        Objects.requireNonNull(main, "Kernel.run(): main must not be null");
        enter("Kernel.run()");
        try {
            KernelTask<T> task = carrier.drive(() -> bound(() -> {
                if (!activated) {
                    activated = true;
                    for (curio.api.Activation a : activations) {
                        a.activate(this);
                    }
                }
                KernelTask<T> t = newTask(main, "main", null, false);
                loop(t);
                return t;
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
            for (Runnable action : shutdownActions) {
                runQuietly(action);
            }
            runQuietly(() -> {
                try {
                    selector.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            unjoined.reportAll();
            running.set(false);
        }
    }

    /** The task running now, or null while the loop runs: read racily by {@link BlockedKernelWatch}. */
    KernelTask<?> runningTask() {
        return current;
    }

    /** The thread running the kernel's current fiber, for a sampled stack; read racily. */
    Thread runningThread() {
        return carrier.runningThread();
    }

    String name() {
        return name;
    }

    @Override
    public String selectorName() {
        return selector.name();
    }

    @Override
    public String carrierName() {
        return carrier.name();
    }

    @Override
    public boolean virtualClock() {
        return clock.virtual();
    }

    @Override
    public int maxWorkerThreads() {
        return maxWorkerThreads;
    }

    @Override
    public java.net.SocketAddress monitorAddress() {
        return monitor == null ? null : monitor.address();
    }

    @Override
    public String toString() {
        return "Kernel[" + name + ", carrier=" + carrier.name() + ", selector=" + selector.name()
                + (clock.virtual() ? ", virtual clock" : "") + "]";
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

    private <T> T bound(Callable<T> body) throws Exception {
        CurrentKernel.set(this);
        BlockedKernelWatch.watch(this);
        try {
            return body.call();
        } finally {
            BlockedKernelWatch.unwatch(this);
            CurrentKernel.set(null);
        }
    }

    /** Shutdown (CURIO-SPEC 1.4): cancel every task, newest first, each to its end, from an internal task. */
    private void cancelEverything() {
        for (int round = 0; !tasks.isEmpty(); round++) {
            if (round == 100) {
                LOG.log(System.Logger.Level.WARNING, "{0}: tasks keep spawning during shutdown; {1} left behind",
                        name, tasks.size());
                return;
            }
            List<KernelTask<?>> victims = new ArrayList<>(tasks.snapshot().reversed());
            KernelTask<Void> shutdown = newTask(() -> {
                for (int i = 0; i < victims.size(); i++) {
                    KernelTask<?> t = victims.set(i, null); // an ended task is garbage at once, not at the end
                    t.cancel();
                }
                return null;
            }, "kernel shutdown", null, true);
            loop(shutdown);
        }
    }

    // ------------------------------------------------------------------ the loop

    /** Runs the loop until {@code main} has terminated; the carrier asks {@link #next()} for each task to run. */
    private void loop(KernelTask<?> main) {
        loopMain = main;
        phaseLeft = 0;
        current = null;
        carrier.run(scheduler);
    }

    /**
     * The loop, one task at a time, for whoever holds the kernel (see {@link Carrier.Scheduler#next()}):
     * ends the books of the task that ran last, then hands out the tasks that were ready when the run
     * phase began; when they are all out, ends the loop if its main task has terminated, else polls
     * and expires timers to begin the next cycle.
     */
    private Carrier.Fiber next() {
        KernelTask<?> ran = current;
        if (ran != null) {
            current = null;
            if (ran.fiber.done()) {
                finish(ran);
            }
        }
        while (phaseLeft == 0) {
            if (loopMain.terminated()) {
                return null;
            }
            poll();
            expireTimers();
            phaseLeft = ready.size();
            if (simulated != null && phaseLeft > 1) {
                shuffleReady(simulated.readyShuffle());
            }
        }
        KernelTask<?> t = ready.peek();
        if (activations.length != 0) {
            for (curio.api.Activation a : activations) {
                a.running(t); // may throw: that ends run(), with t still ready for close() to cancel
            }
        }
        ready.poll();
        phaseLeft--;
        current = t;
        t.state(TaskState.RUNNING);
        t.cycles++;
        return t.fiber;
    }

    /** A simulation may ask for another legal order of the tasks ready in one cycle (SimulatedSelector). */
    private void shuffleReady(java.util.random.RandomGenerator random) {
        if (random == null) {
            return;
        }
        KernelTask<?>[] tasks = ready.toArray(KernelTask<?>[]::new);
        for (int i = tasks.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            KernelTask<?> t = tasks[i];
            tasks[i] = tasks[j];
            tasks[j] = t;
        }
        ready.clear();
        java.util.Collections.addAll(ready, tasks);
    }

    private void poll() {
        long timeout;
        if (!ready.isEmpty() || !inbox.isEmpty()) {
            timeout = 0;
        } else {
            long next = timers.next();
            if (simulated != null) {
                next = Math.min(next, simulated.nextEvent()); // NO_EVENT == NO_DEADLINE
            }
            long now = clock.now();
            if (next == AbstractTask.NO_DEADLINE && externalWaits == 0) {
                // Nothing is ready, nothing was posted, no timer is pending and no task waits on I/O or
                // another thread: nothing can ever wake a task again. Curio would wait forever.
                throw new DeadlockException(Deadlocks.report(tasks.snapshot(), waits()));
            }
            if (clock.virtual() && externalWaits == 0 && next != AbstractTask.NO_DEADLINE) {
                clock.advance(next - now); // every task waits on time alone: jump
                timeout = 0;
            } else {
                timeout = next == AbstractTask.NO_DEADLINE ? -1 : Math.max(0, next - now);
            }
        }
        pollIo(timeout);
    }

    /** Waits up to {@code timeout} ns (-1: no limit) for I/O, readies the waiters, then runs what was posted. */
    private void pollIo(long timeout) {
        long before = clock.virtual() && timeout != 0 ? System.nanoTime() : 0;
        // A zero-timeout poll with no handle registered can only report nothing: skip the syscall.
        if (timeout != 0 || watchedHandles != 0 || simulated != null) { // a simulation moves on every poll
            try {
                carrier.select(selector, timeout, onReady);
            } catch (IOException e) {
                throw new UncheckedIOException("selector failed", e);
            }
        }
        if (before != 0) {
            clock.advance(System.nanoTime() - before); // waited for the outside world in real time
        }
        Runnable r;
        while ((r = inbox.poll()) != null) {
            r.run();
        }
    }

    private void ioReady(IoHandle handle, int ops) {
        int drop = 0;
        if ((ops & ReadinessSelector.READ) != 0) {
            KernelTask<?> t = (KernelTask<?>) handle.reader();
            if (t != null) {
                handle.reader(null);
                ioWoken(t);
            } else {
                drop |= ReadinessSelector.READ;
            }
        }
        if ((ops & ReadinessSelector.WRITE) != 0) {
            KernelTask<?> t = (KernelTask<?>) handle.writer();
            if (t != null) {
                handle.writer(null);
                ioWoken(t);
            } else {
                drop |= ReadinessSelector.WRITE;
            }
        }
        if (drop != 0) {
            setInterest(handle, handle.interest() & ~drop); // deferred unregistration: nobody waits
        }
    }

    private void ioWoken(KernelTask<?> t) {
        externalWaits -= ioWait;
        t.cancelAction = null;
        t.ioHandle = null;
        reschedule(t);
    }

    private void expireTimers() {
        if (timers.size() == 0) {
            return; // nothing to expire: spare the clock read
        }
        long now = clock.now();
        TimeQueue.Entry e;
        while ((e = timers.pollDue(now)) != null) {
            if (!e.live()) {
                continue;
            }
            KernelTask<?> t = e.task();
            if (e.kind() == TimeQueue.SLEEP) {
                t.sleepUntil = AbstractTask.NO_DEADLINE;
                t.cancelAction = null;
                t.resumeValue = now;
                reschedule(t);
            } else {
                t.timeout = AbstractTask.NO_DEADLINE;
                TaskTimeout timeout = Cancellations.taskTimeout(now);
                if (t.allowCancel && t.blocked()) {
                    interrupt(t, timeout);
                } else if (t.cancelPending == null || t.cancelPending instanceof TaskTimeout) {
                    t.cancelPending = timeout;
                }
            }
        }
    }

    private void reschedule(KernelTask<?> t) {
        t.state(TaskState.READY);
        ready.add(t);
    }

    private void wokenFromQueue(Task<?> task) {
        KernelTask<?> t = (KernelTask<?>) task;
        t.cancelAction = null;
        reschedule(t);
    }

    /** Ends a blocked task's wait with an exception (cancellation or timeout). */
    private void interrupt(KernelTask<?> t, Throwable exception) {
        Runnable undo = t.cancelAction;
        t.cancelAction = null;
        undo.run();
        t.resumeError = exception;
        reschedule(t);
    }

    // ------------------------------------------------------------------ task life

    private <T> KernelTask<T> newTask(AsyncCallable<T, ?> body, String taskName, AbstractTask<?> parent, boolean daemon) {
        KernelTask<T> t = new KernelTask<>(this, body, taskName, parent, daemon);
        t.fiber = carrier.fiber(t);
        tasks.add(t);
        reschedule(t);
        if (activations.length != 0) {
            for (curio.api.Activation a : activations) {
                a.created(t);
            }
        }
        return t;
    }

    /** The whole life of a task, inside its fiber. */
    <T> void runBody(KernelTask<T> t) {
        try {
            curio.api.internal.TaskContext.enter(t); // what its parent's context carriers captured, in its own context
            t.value = t.body.call();
        } catch (Throwable e) {
            t.failure = e;
        }
        TaskObserver observer = t.observer();
        if (observer != null) {
            try {
                observer.taskDone(t); // still in the task's context: may make non-blocking traps
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.ERROR, "task group bookkeeping failed for " + t, e);
            }
        }
    }

    private void finish(KernelTask<?> t) {
        tasks.remove(t);
        SchedBarrier joiners = t.end();
        boolean awaited = joiners != null && joiners.kernelWake(Integer.MAX_VALUE, wakeFromQueue) > 0;
        Throwable failure = t.failure;
        if (failure == null) {
            if (!awaited && !t.daemon() && !t.cancelled() && !t.joined() && t.parent() != null) {
                unjoined.track(t);
            }
        } else if (!(failure instanceof CancelledError) && t.parent() != null) {
            LOG.log(System.Logger.Level.ERROR, "Task Crash: " + t, failure);
        }
        if (activations.length != 0) { // last: one that throws must not leave joiners waiting
            for (curio.api.Activation a : activations) {
                a.suspended(t, null);
                a.terminated(t);
            }
        }
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal; // like Python's BaseException: out of Kernel.run at once
        }
    }

    /** Entries in the time queue, live or stale: for tests of its housekeeping. */
    int timeQueueSize() {
        return timers.size();
    }

    UnjoinedTasks unjoined() {
        return unjoined;
    }

    // ------------------------------------------------------------------ blocking traps

    @Override
    public Object trap(BlockingTrap trap) {
        KernelTask<?> t = current;
        if (t.allowCancel && t.cancelPending != null) {
            Throwable pending = t.cancelPending;
            t.cancelPending = null;
            if (Cancellations.traceAtRaise(t, pending)) {
                pending.fillInStackTrace(); // here, in the task: see Cancellations
            }
            throw Rethrow.unchecked(pending);
        }
        switch (trap) {
            case ReadWait r -> waitIo(t, r.handle(), true);
            case WriteWait w -> waitIo(t, w.handle(), false);
            case FutureWait f -> waitFuture(t, f);
            case Sleep s -> {
                if (s.nanos() == 0 && yieldInPlace(t)) {
                    return null;
                }
                sleep(t, s.nanos());
            }
            case SchedWait q -> {
                t.cancelAction = q.queue().kernelSuspend(t);
                t.state(q.state());
            }
        }
        t.lastTrap = trap;
        if (activations.length != 0) {
            for (curio.api.Activation a : activations) {
                a.suspended(t, trap); // in the task's context: its stack is the task's
            }
        }
        t.fiber.suspend();
        Throwable error = t.resumeError;
        Object value = t.resumeValue;
        t.resumeError = null;
        t.resumeValue = null;
        if (error != null) {
            if (Cancellations.traceAtRaise(t, error)) {
                error.fillInStackTrace();
            }
            throw Rethrow.unchecked(error);
        }
        return value;
    }

    /**
     * A yield with no other task ready: runs the loop's I/O and timer phases here, and when they ready
     * nobody, the task simply goes on, because the loop would have resumed it next anyway. That saves
     * two switches; activations watch every switch, so with any installed every yield switches.
     */
    private boolean yieldInPlace(KernelTask<?> t) {
        if (!ready.isEmpty() || activations.length != 0 || loopMain.terminated()) {
            return false; // once main has ended, the loop must get control back to end run()
        }
        pollIo(0);
        expireTimers();
        if (!ready.isEmpty()) {
            return false;
        }
        t.cycles++;
        t.lastTrap = Sleep.YIELD;
        return true;
    }

    private void waitIo(KernelTask<?> t, IoHandle h, boolean read) {
        Objects.requireNonNull(h, "I/O wait on a null handle");
        if (!selector.owns(h)) {
            throw new IllegalStateException(h + " belongs to another kernel; task " + t.id() + " of " + name
                    + " cannot wait on it (a socket is used by the tasks of the kernel that opened it)");
        }
        Task<?> other = read ? h.reader() : h.writer();
        if (other != null) {
            String what = "task " + other.id() + " is already " + (read ? "reading " : "writing ") + h
                    + "; task " + t.id() + " cannot wait on it too";
            throw read ? new ReadResourceBusy(what) : new WriteResourceBusy(what);
        }
        if (h.isClosed()) {
            throw Rethrow.unchecked(new HandleClosed(h + " is closed; task " + t.id() + " cannot wait on it"));
        }
        int op = read ? ReadinessSelector.READ : ReadinessSelector.WRITE;
        setInterest(h, h.interest() | op);
        if (read) {
            h.reader(t);
        } else {
            h.writer(t);
        }
        externalWaits += ioWait;
        t.ioHandle = h;
        t.ioRead = read;
        if (t.ioUndo == null) {
            t.ioUndo = () -> undoIoWait(t); // made once per task: I/O waits are the hottest path
        }
        t.cancelAction = t.ioUndo;
        t.state(read ? TaskState.READ_WAIT : TaskState.WRITE_WAIT);
    }

    private void undoIoWait(KernelTask<?> t) {
        externalWaits -= ioWait;
        if (t.ioRead) {
            t.ioHandle.reader(null);
        } else {
            t.ioHandle.writer(null);
        }
        t.ioHandle = null;
    }

    private void setInterest(IoHandle h, int ops) {
        if (ops == h.interest()) {
            return;
        }
        if (!h.isClosed()) { // a closed handle has left the selector already
            try {
                selector.interest(h, ops);
            } catch (IOException e) {
                throw Rethrow.unchecked(e);
            }
        }
        if (h.interest() == 0) {
            watchedHandles++;
        } else if (ops == 0) {
            watchedHandles--;
        }
        h.interest(ops);
    }

    private void waitFuture(KernelTask<?> t, FutureWait wait) {
        CompletableFuture<?> f = Objects.requireNonNull(wait.future(), "future wait on a null future");
        if (simulated != null) {
            throw new IllegalStateException("task " + t.id() + " of " + name + " waits for another thread (a worker,"
                    + " a file, a subprocess, a future), which a simulated kernel refuses: the thread would finish in"
                    + " real time, and the same seed could give another run");
        }
        t.future = f;
        externalWaits++;
        t.cancelAction = () -> {
            t.future = null;
            externalWaits--;
            f.cancel(false);
        };
        t.state(TaskState.FUTURE_WAIT);
        f.whenComplete((value, error) -> post(() -> futureDone(t, f, value, error)));
        if (wait.start() != null) {
            try {
                wait.start().run();
            } catch (Throwable e) {
                t.cancelAction.run();
                t.cancelAction = null;
                throw e;
            }
        }
    }

    private void futureDone(KernelTask<?> t, CompletableFuture<?> f, Object value, Throwable error) {
        if (t.future != f) {
            return; // stale: the task was cancelled or timed out meanwhile
        }
        t.future = null;
        externalWaits--;
        t.cancelAction = null;
        if (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        t.resumeError = error;
        t.resumeValue = value;
        reschedule(t);
    }

    private void sleep(KernelTask<?> t, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("sleep: negative duration " + nanos + " ns");
        }
        if (nanos == 0) {
            reschedule(t); // to the back of the queue; not blocked, so a cancel stays pending
            return;        // resumes with null: Traps.sleep reads the clock only if asked
        }
        long now = clock.now();
        long deadline = now + nanos < now ? AbstractTask.NO_DEADLINE - 1 : now + nanos;
        t.sleepUntil = deadline;
        TimeQueue.Entry entry = timers.add(deadline, TimeQueue.SLEEP, t);
        t.cancelAction = () -> {
            t.sleepUntil = AbstractTask.NO_DEADLINE;
            timers.forgot(entry); // stale now: it lets go of the task, and the queue drops such entries promptly
        };
        t.state(TaskState.TIME_SLEEP);
    }

    /** Runs {@code action} on the kernel thread during the next poll; callable from any thread. */
    void post(Runnable action) {
        inbox.offer(action);
        selector.wakeup();
    }

    // ------------------------------------------------------------------ non-blocking traps

    @Override
    public KernelTask<?> currentTask() {
        return current;
    }

    @Override
    public <T> Task<T> spawn(AsyncCallable<T, ?> body, boolean daemon) {
        Objects.requireNonNull(body, "spawn: body must not be null");
        return newTask(body, nameOf(body), current, daemon);
    }

    private static String nameOf(Object body) {
        if (body instanceof curio.api.AsyncRunnable.Adapter<?> adapter) {
            body = adapter.body(); // name the user's runnable, not the adapter
        }
        return TASK_NAMES.get(body.getClass());
    }

    /** A task's name by its body's class, made once per class: a name per spawn would be two strings per task. */
    private static final ClassValue<String> TASK_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String n = type.getName();
            int lambda = n.indexOf("$$Lambda");
            return lambda > 0 ? n.substring(0, lambda) + ".lambda" : n;
        }
    };

    @Override
    public void cancelTask(Task<?> task, Throwable exception) {
        KernelTask<?> t = own(task);
        if (t.terminated() || !t.acceptCancel()) {
            return; // one-shot: a second request sends nothing new
        }
        t.timeout = AbstractTask.NO_DEADLINE;
        if (t.allowCancel && t.blocked()) {
            interrupt(t, exception);
        } else {
            t.cancelPending = exception;
        }
    }

    private KernelTask<?> own(Task<?> task) {
        if (task instanceof KernelTask<?> t && t.kernel == this) {
            return t;
        }
        throw new IllegalArgumentException("task " + task + " does not belong to this kernel");
    }

    @Override
    public int wake(SchedQueue queue, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot wake a negative number of tasks: " + n);
        }
        return queue.kernelWake(n, wakeFromQueue);
    }

    @Override
    public Kernel kernel() {
        return this;
    }

    @Override
    public boolean threadWaitsAllowed() {
        return simulated == null;
    }

    @Override
    public java.util.random.RandomGenerator random() {
        java.util.random.RandomGenerator seeded = simulated == null ? null : simulated.random();
        return seeded != null ? seeded : java.util.concurrent.ThreadLocalRandom.current();
    }

    @Override
    public long clock() {
        return clock.now();
    }

    @Override
    public long setTimeout(long deadline) {
        KernelTask<?> t = current;
        long prior = t.timeout;
        if (deadline != AbstractTask.NO_DEADLINE && deadline < prior) {
            t.timeout = deadline;
            TimeQueue.Entry e = timers.add(deadline, TimeQueue.TIMEOUT, t);
            e.outer = t.timeoutEntry;
            t.timeoutEntry = e;
        }
        return prior;
    }

    @Override
    public long unsetTimeout(long previous) {
        KernelTask<?> t = current;
        long now = clock.now();
        t.timeout = previous;
        /* Discussion: a block left before its deadline leaves its entry in the queue, and with it the task, until
         * the deadline passes: 200,000 tasks each leaving ignoreAfter(1 h) would stay live for the hour. Only a
         * block that narrowed the deadline added an entry, and narrowing makes the chain's deadlines strictly
         * rise outwards, so the entries of the blocks being left are exactly those earlier than the deadline
         * restored (an enclosing block with that same deadline keeps its own). They let go of the task now,
         * as a cancelled sleep does; one that already fired lets go of nothing more. */
        for (TimeQueue.Entry e = t.timeoutEntry; e != null && e.deadline < previous; e = t.timeoutEntry) {
            t.timeoutEntry = e.outer;
            e.outer = null;
            timers.forgot(e);
        }
        if (previous != AbstractTask.NO_DEADLINE && previous <= now) {
            timers.add(previous, TimeQueue.TIMEOUT, t); // already expired: fire at the next blocking trap
        } else if (t.cancelPending instanceof TaskTimeout) {
            t.cancelPending = null; // belonged to the block being left
        }
        return now;
    }

    @Override
    public boolean setAllowCancel(boolean allow) {
        boolean previous = current.allowCancel;
        current.allowCancel = allow;
        return previous;
    }

    @Override
    public boolean allowCancel() {
        return current.allowCancel;
    }

    @Override
    public Throwable setCancellation(Throwable pending) {
        Throwable previous = current.cancelPending;
        current.cancelPending = pending;
        return previous;
    }

    @Override
    public Throwable pendingCancellation() {
        return current.cancelPending;
    }

    @Override
    public void ioRelease(IoHandle handle) {
        for (Task<?> waiter : new Task<?>[] {handle.reader(), handle.writer()}) {
            if (waiter instanceof KernelTask<?> t && t.blocked()) {
                interrupt(t, new HandleClosed(handle + " was closed while task " + t.id() + " waited on it"));
            }
        }
        setInterest(handle, 0);
    }

    @Override
    public Task<?>[] ioWaiting(IoHandle handle) {
        return new Task<?>[] {handle.reader(), handle.writer()};
    }

    @Override
    public Map<Task<?>, Object> waits() {
        Map<Task<?>, Object> waits = new java.util.LinkedHashMap<>();
        for (KernelTask<?> t : tasks.snapshot()) {
            Object target = t.waitTarget();
            if (target != null) {
                waits.put(t, target);
            }
        }
        return waits;
    }

    @Override
    public ReadinessSelector selector() {
        return selector;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T local(Object key, Supplier<T> create) {
        Object value = locals.get(key); // not computeIfAbsent: its lambda would be an object per call
        if (value == null) {
            value = create.get();
            locals.put(key, value);
        }
        return (T) value;
    }

    @Override
    public void atShutdown(Runnable action) {
        shutdownActions.add(Objects.requireNonNull(action, "shutdown action"));
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "shutdown action failed", e);
        }
    }
}
