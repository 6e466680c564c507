package curio.kernel;

import curio.api.Activation;
import curio.api.AsyncCallable;
import curio.api.CancelledError;
import curio.api.DeadlockException;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskState;
import curio.api.internal.AbstractTask;
import curio.api.internal.Cancellations;
import curio.api.internal.IoSlots;
import curio.api.internal.KernelAccess;
import curio.api.internal.KernelCore;
import curio.api.internal.TaskContext;
import curio.api.internal.TaskObserver;
import curio.api.internal.KernelTrap;
import curio.api.internal.WaitList;
import curio.api.spi.IoHandle;
import curio.api.trap.BlockingTrap;
import curio.api.trap.BlockingTrap.FutureWait;
import curio.api.trap.BlockingTrap.ReadWait;
import curio.api.trap.BlockingTrap.SchedWait;
import curio.api.trap.BlockingTrap.Sleep;
import curio.api.trap.BlockingTrap.WriteWait;
import curio.api.trap.Rethrow;
import curio.api.trap.SchedBarrier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The loop and its traps: a ready queue, a time queue and the backend's selector, driven by one thread
 * at a time. This is what {@link curio.api.trap.Traps} reaches ({@link KernelCore}); the public face is
 * {@link CurioKernel}, the I/O waits are {@link IoWaits}.
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
 * <li>Every mutable field below belongs to the thread holding the kernel: the kernel thread in the
 *     loop, or the running task inside a trap. Traps are therefore plain method calls, without locks.
 *     Other threads get in only through {@link #post} (an MPSC queue, then a selector wake-up).</li>
 * <li>A task is blocked iff its {@code cancelAction} is non-null; that action undoes the wait (unlinks
 *     it from a wait queue, clears an I/O slot, drops a stale future), so a cancel or a timeout never
 *     leaves a waiter behind. A task is in {@code ready} at most once, and never while blocked.</li>
 * <li>While a task waits on the outside world (a thread, or I/O on a backend without a clock of its
 *     own), a virtual clock must not jump: the outside world keeps real time.</li>
 * <li>The time queue may hold stale entries (a sleep that was cancelled, a timeout that was narrowed):
 *     each entry is checked against its task's current deadline when it comes due.</li>
 * </ul>
 */
final class TaskLoop implements KernelCore {

    private static final System.Logger LOG = System.getLogger("curio.kernel");

    // -- configuration (immutable)
    private final String name;
    private final Kernel face;
    private final Backend backend;
    private final Carrier carrier;
    private final KernelClock clock;
    private final Activation[] activations; // empty when none: each hook is one length check
    private final IoWaits io;
    private final Timers timers;
    private final FutureWaits futures;

    // -- the loop's state: the thread holding the kernel only
    private final ArrayDeque<KernelTask<?>> ready = new ArrayDeque<>();
    private final LiveTasks tasks = new LiveTasks();
    private final Map<Object, Object> locals = new HashMap<>();
    private final UnjoinedTasks unjoined = new UnjoinedTasks();
    private final List<Runnable> shutdownActions = new ArrayList<>();
    private final Consumer<Task<?>> wakeFromQueue = this::wokenFromQueue;
    private final Carrier.Scheduler scheduler = this::next;
    private KernelTask<?> current;      // the running task, or null in the loop
    private KernelTask<?> loopMain;     // the loop ends once this task has terminated (main, or a shutdown task)
    private int phaseLeft;              // tasks still to hand out in this cycle's run phase

    // -- the only way in from other threads: post() then a selector wake-up
    private final MpscUnboundedAtomicArrayQueue<Runnable> inbox = new MpscUnboundedAtomicArrayQueue<>(128);

    TaskLoop(String name, Kernel face, Backend backend, Carrier carrier, KernelClock clock, List<Activation> hooks) {
        this.name = name;
        this.face = face;
        this.backend = backend;
        this.carrier = carrier;
        this.clock = clock;
        List<Activation> all = new ArrayList<>(hooks);
        if (backend.watch != null) {
            all.add(backend.watch);
        }
        this.activations = all.toArray(Activation[]::new);
        this.io = new IoWaits(this, backend);
        this.timers = new Timers(this, clock);
        this.futures = new FutureWaits(this, backend.threadWaits);
    }

    String name() {
        return name;
    }

    KernelClock kernelClock() {
        return clock;
    }

    /** Calls every activation's {@code activate}: once, when the kernel first runs. */
    void activate() {
        for (Activation a : activations) {
            a.activate(face);
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

    /** Entries in the time queue, live or stale: for tests of its housekeeping. */
    int timeQueueSize() {
        return timers.size();
    }

    UnjoinedTasks unjoined() {
        return unjoined;
    }

    // ------------------------------------------------------------------ running

    /** Runs {@code main} as a new task, and the loop until it has terminated; returns the ended task. */
    <T> KernelTask<T> runMain(AsyncCallable<T, ?> main) {
        KernelTask<T> t = newTask(main, "main", null, false);
        loop(t);
        return t;
    }

    /** The live tasks, oldest first: what shutdown cancels and reports read. */
    LiveTasks liveTasks() {
        return tasks;
    }

    /** Creates a daemon task of the kernel's own (no parent), ready to run: shutdown's canceller. */
    KernelTask<Void> systemTask(AsyncCallable<Void, ?> body, String taskName) {
        return newTask(body, taskName, null, true);
    }

    /** Runs the loop until {@code main} has terminated. */
    void runUntil(KernelTask<?> main) {
        loop(main);
    }

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
     * <p>Discussion: the run phase hands out only the tasks that were ready when it began ({@code phaseLeft});
     * tasks readied meanwhile (woken by a running task, or yielding) wait for the next cycle. Without that
     * bound, two tasks waking each other forever would starve the poll and the timers: no socket would be
     * read and no timeout would fire. With it, every cycle polls once, whatever the tasks do, as Curio's
     * loop does when it drains its ready queue only to the length it had.
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
            timers.expire();
            phaseLeft = ready.size();
            if (phaseLeft > 1) {
                shuffleReady(backend.randomness.readyOrder());
            }
        }
        KernelTask<?> t = ready.peek();
        if (activations.length != 0) {
            for (Activation a : activations) {
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

    /**
     * A backend may ask for another legal order of the tasks ready in one cycle (its {@code Randomness}):
     * they became ready at the same instant, so any order is one the real world could have produced.
     */
    private void shuffleReady(RandomGenerator random) {
        if (random == null) {
            return;
        }
        KernelTask<?>[] shuffled = ready.toArray(KernelTask<?>[]::new);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            KernelTask<?> t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        ready.clear();
        Collections.addAll(ready, shuffled);
    }

    /**
     * Phase 1: decides how long the selector may wait, then polls.
     * <p>Discussion: when nothing is ready and nothing was posted, the kernel may wait until the next
     * deadline (the earlier of its timers and its backend's next event). Under a virtual clock, and with
     * no task waiting on the outside world, waiting would be pointless: nothing but time can change, so
     * the clock jumps to that deadline and the poll does not wait. With no deadline at all and nothing
     * outside to wait for, nothing can ever wake a task again: Curio would hang, this kernel reports a
     * deadlock naming what each task waits on.
     */
    private void poll() {
        long timeout;
        if (!ready.isEmpty() || !inbox.isEmpty()) {
            timeout = 0;
        } else {
            long next = timers.next();
            if (backend.clock != null) {
                next = Math.min(next, backend.clock.nextEvent()); // NO_EVENT == NO_DEADLINE
            }
            long now = clock.now();
            int outside = futures.waiting() + io.outsideWaits();
            if (next == AbstractTask.NO_DEADLINE && outside == 0) {
                throw new DeadlockException(Deadlocks.report(tasks.snapshot(), waits()));
            }
            if (clock.virtual() && outside == 0 && next != AbstractTask.NO_DEADLINE) {
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
        // A zero-timeout poll with no handle registered can only report nothing: skip the system call.
        if (timeout != 0 || io.pollUseful()) {
            try {
                carrier.select(backend.selector, timeout, io);
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

    void reschedule(KernelTask<?> t) {
        t.state(TaskState.READY);
        ready.add(t);
    }

    private void wokenFromQueue(Task<?> task) {
        KernelTask<?> t = (KernelTask<?>) task;
        t.cancelAction = null;
        reschedule(t);
    }

    /**
     * Ends a blocked task's wait with an exception (cancellation, timeout, a closed handle). The undo runs
     * first, while the task is still blocked, so it finds the wait as it was (a node still linked, a slot still
     * set); only then is the task given its exception and put back on the ready queue.
     */
    void interrupt(KernelTask<?> t, Throwable exception) {
        Runnable undo = t.cancelAction;
        t.cancelAction = null;
        undo.run();
        t.resumeError = exception;
        reschedule(t);
    }

    /** Runs {@code action} on the kernel's thread during the next poll; callable from any thread. */
    void post(Runnable action) {
        inbox.offer(action);
        backend.selector.wakeup();
    }

    // ------------------------------------------------------------------ task life

    private <T> KernelTask<T> newTask(AsyncCallable<T, ?> body, String taskName, AbstractTask<?> parent, boolean daemon) {
        KernelTask<T> t = new KernelTask<>(this, body, taskName, parent, daemon);
        t.fiber = carrier.fiber(t);
        tasks.add(t);
        reschedule(t);
        if (activations.length != 0) {
            for (Activation a : activations) {
                a.created(t);
            }
        }
        return t;
    }

    /** The whole life of a task, inside its fiber. */
    <T> void runBody(KernelTask<T> t) {
        try {
            TaskContext.enter(t); // what its parent's context carriers captured, in its own context
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

    /*
     * A task's body has returned or thrown: its outcome is final, its joiners wake, and the loop reports
     * what nobody else will. A failure is logged here only for a child: the main task's failure comes out of
     * Kernel.run itself, and a cancellation is the expected end of a cancelled task, not a crash. A child
     * that ended well but that nobody joined is remembered (UnjoinedTasks) and reported at close if it stays
     * unjoined, as Curio warns of a task never joined.
     */
    private void finish(KernelTask<?> t) {
        tasks.remove(t);
        SchedBarrier joiners = t.end();
        boolean awaited = joiners != null && KernelAccess.dequeue(joiners, Integer.MAX_VALUE, wakeFromQueue) > 0;
        Throwable failure = t.failure;
        if (failure == null) {
            if (!awaited && !t.daemon() && !t.cancelled() && !t.joined() && t.parent() != null) {
                unjoined.track(t);
            }
        } else if (!(failure instanceof CancelledError) && t.parent() != null) {
            LOG.log(System.Logger.Level.ERROR, "Task Crash: " + t, failure);
        }
        if (activations.length != 0) { // last: one that throws must not leave joiners waiting
            for (Activation a : activations) {
                a.suspended(t, null);
                a.terminated(t);
            }
        }
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal; // like Python's BaseException: out of Kernel.run at once
        }
    }

    // ------------------------------------------------------------------ blocking traps

    /*
     * Discussion: where a cancellation lands. It is delivered only here, at a blocking trap, and before the
     * trap takes effect: a task that has a cancellation pending never starts a new wait, and a task that
     * keeps making non-blocking calls runs on until its next blocking one, as Curio's rule is. A pending
     * cancellation waits while the task disallows it (disableCancellation), which is why the check reads
     * allowCancel first. After the wait, the resumption is read back from the task and cleared before it is
     * thrown or returned, so that no value of one wait can leak into the next.
     */
    @Override
    public Object trap(KernelTrap kernelTrap) {
        BlockingTrap trap = (BlockingTrap) kernelTrap; // the only kind there is: BlockingTrap is sealed
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
            case ReadWait r -> io.await(t, r.handle(), true);
            case WriteWait w -> io.await(t, w.handle(), false);
            case FutureWait f -> futures.await(t, f);
            case Sleep s -> {
                if (s.nanos() == 0 && yieldInPlace(t)) {
                    return null;
                }
                timers.sleep(t, s.nanos());
            }
            case SchedWait q -> {
                t.cancelAction = KernelAccess.enqueue(q.queue(), t);
                t.state(q.state());
            }
        }
        t.lastTrap = trap;
        if (activations.length != 0) {
            for (Activation a : activations) {
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
     * A yield ({@code sleep(0)}) with no other task ready.
     * <p>Discussion: yielding in place. The loop would suspend the task, poll, expire timers and, finding
     * nobody else ready, resume the same task: two switches that change nothing. So the poll and the
     * timers run here, inside the trap, and if they ready nobody the task simply goes on, with its cycle
     * counted as if it had been resumed. Not when another task is ready (it must get its turn: a yield is
     * a promise of fairness), not with activations installed (they watch every switch, and a trace that
     * misses a yield would lie), and not once the loop's main task has ended (the loop must get control
     * back so that run() can return).
     */
    private boolean yieldInPlace(KernelTask<?> t) {
        if (!ready.isEmpty() || activations.length != 0 || loopMain.terminated()) {
            return false;
        }
        pollIo(0);
        timers.expire();
        if (!ready.isEmpty()) {
            return false;
        }
        t.cycles++;
        t.lastTrap = Sleep.YIELD;
        return true;
    }

    // ------------------------------------------------------------------ non-blocking traps

    @Override public KernelTask<?> currentTask() { return current; }

    @Override
    public <T> Task<T> spawn(AsyncCallable<T, ?> body, boolean daemon) {
        Objects.requireNonNull(body, "spawn: body must not be null");
        return newTask(body, KernelTask.nameOf(body), current, daemon);
    }

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
        if (task instanceof KernelTask<?> t && t.loop == this) {
            return t;
        }
        throw new IllegalArgumentException("task " + task + " does not belong to this kernel");
    }

    @Override
    public int wake(WaitList queue, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot wake a negative number of tasks: " + n);
        }
        return KernelAccess.dequeue(queue, n, wakeFromQueue);
    }

    @Override public Kernel kernel() { return face; }

    @Override
    public <C> C capability(Class<C> kind) {
        return backend.capability(Objects.requireNonNull(kind, "capability kind"));
    }

    @Override public long clock() { return clock.now(); }

    @Override
    public long setTimeout(long deadline) {
        return timers.setTimeout(current, deadline);
    }

    @Override
    public long unsetTimeout(long previous) {
        return timers.unsetTimeout(current, previous);
    }

    // The running task's cancellation controls (disableCancellation, checkCancellation): plain fields of it.
    @Override public boolean allowCancel() { return current.allowCancel; }
    @Override public Throwable pendingCancellation() { return current.cancelPending; }

    @Override
    public boolean setAllowCancel(boolean allow) {
        boolean previous = current.allowCancel;
        current.allowCancel = allow;
        return previous;
    }

    @Override
    public Throwable setCancellation(Throwable pending) {
        Throwable previous = current.cancelPending;
        current.cancelPending = pending;
        return previous;
    }

    @Override
    public void ioRelease(IoSlots handle) {
        io.release((IoHandle) handle); // IoHandle is IoSlots' one subclass
    }

    @Override
    public Task<?>[] ioWaiting(IoSlots handle) {
        return io.waiting(handle);
    }

    @Override
    public Map<Task<?>, Object> waits() {
        return tasks.waits();
    }

    @Override
    public boolean owns(IoSlots handle) {
        return backend.selector.owns((IoHandle) handle);
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

    /** What {@link #atShutdown} registered, in order: run by {@link CurioKernel#close()} after every task ended. */
    List<Runnable> shutdownActions() {
        return shutdownActions;
    }
}
