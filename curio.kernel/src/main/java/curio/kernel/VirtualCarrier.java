package curio.kernel;

import curio.api.internal.CurrentKernel;
import curio.api.internal.KernelCore;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.ReadyHandler;
import curio.api.trap.Rethrow;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries each task on its own virtual thread, with public API only. The loop's driver and the tasks
 * pass a single baton, so that one of them runs at a time, exactly as with continuations.
 * <p>A switch is one hand-off: the suspending task asks the scheduler itself which fiber comes next
 * and wakes that one directly (or simply goes on, when the next is itself). The driver sleeps until
 * the scheduler has nothing more to hand out. The driver runs on a virtual thread too: a baton
 * passed between virtual threads costs far less than parking and unparking a platform thread.
 * <p>A poll that would block is the exception: a blocking system call on a virtual thread pins its
 * carrier thread (an FFM downcall such as {@code epoll_wait} does, and the JDK does not compensate), so
 * kernels on a few cores would take every carrier and starve each other and the application's own
 * virtual threads. The platform thread that called {@link #drive} (or one started for the purpose
 * when the caller is itself virtual) waits in the selector instead, while the task holding the kernel
 * parks, unmounted.
 */
final class VirtualCarrier implements Carrier, CurrentKernel.Baton {

    /* Discussion: each party has a volatile `turn` flag. The holder gives the baton away by setting
     * the receiver's flag and unparking it, then parks until its own flag is set; the receiver clears
     * its flag when it takes the baton. Both sides re-check the flag around park, so spurious wake-ups
     * and early unparks are harmless, and the volatile write/read pair is the happens-before edge that
     * lets tasks and the driver share kernel state without locks. `scheduler`, `driver`, `failure` and
     * `started` are only touched by the baton holder. */
    private Scheduler scheduler;
    private Thread driver;
    private KernelCore kernel; // the one kernel this carrier serves, known from its first fiber
    // The thread holding the baton: set by the giver before it wakes the receiver, so the receiver
    // sees itself here (its volatile `turn` read orders it), and no thread ever sees itself here when
    // it does not hold the baton (only the giver writes another thread's name, and a thread that gave
    // the baton away wrote the receiver's name itself). Read racily by CurrentKernel from any thread.
    private Thread holder;
    private volatile boolean driverTurn;
    private Throwable failure; // thrown by the scheduler in a task's thread: the driver rethrows it

    /* The poller: a platform thread serving blocking polls while drive() runs. A request is published
     * by the volatile write of pollRequested and answered by the volatile write of pollDone; the
     * requesting task holds the kernel and parks in between, so the handler's updates to kernel state
     * happen on the poller thread with nobody else touching that state. */
    private volatile Thread poller;           // null when none serves (polls then run where they are asked)
    private volatile boolean pollRequested;
    private volatile boolean pollDone;
    private volatile boolean driveOver;
    // A hand-off that failed (out of memory while waking the next thread) may have lost the baton: the
    // virtual threads can no longer be trusted to wake each other, so the error goes straight to the
    // platform thread serving polls, whose unpark needs no allocation, and the carrier stays broken.
    private volatile Throwable fatal;
    // Hand-offs so far, counted by the baton holder and read (racily: only change matters) by the
    // poller, which watches for a kernel that stopped moving because the heap is full (StarvedByFullHeap).
    private int handOffs;
    private Thread pollWaiter;
    private ReadinessSelector pollSelector;
    private long pollTimeout;
    private ReadyHandler pollHandler;
    private int pollResult;
    private Throwable pollFailure;

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public Fiber fiber(KernelTask<?> task) {
        this.kernel = task.loop;
        return new VirtualFiber(task);
    }

    @Override
    public Thread runningThread() {
        return holder;
    }

    @Override
    public KernelCore heldBy(Thread thread) {
        return holder == thread ? kernel : null;
    }

    @Override
    public <T> T drive(Callable<T> kernelWork) throws Exception {
        if (poller != null) { // run() re-entered from a task's thread (close() inside drive): reuse
            return kernelWork.call();
        }
        Throwable broken = fatal;
        if (broken != null) {
            throw new IllegalStateException("the kernel's virtual carrier stopped after a fatal error", broken);
        }
        Thread caller = Thread.currentThread();
        Thread serving = caller.isVirtual()
                ? Thread.ofPlatform().daemon(true).name("curio-poller").unstarted(this::servePolls)
                : caller;
        Object[] outcome = new Object[2];
        driveOver = false;
        poller = serving;
        CurrentKernel.register(this);
        Thread kernelThread = Thread.ofVirtual().name("curio-kernel").inheritInheritableThreadLocals(false).unstarted(() -> {
            try {
                outcome[0] = kernelWork.call();
            } catch (Throwable t) {
                outcome[1] = t;
            } finally {
                driveOver = true;
                LockSupport.unpark(serving);
            }
        });
        try {
            if (serving != caller) {
                serving.start();
                kernelThread.start();
                PlatformDriver.joinUninterruptibly(serving); // it ends when the kernel's work is over, or on a fatal error
            } else {
                kernelThread.start();
                servePolls();
            }
            if (fatal == null) {
                PlatformDriver.joinUninterruptibly(kernelThread);
            }
        } finally {
            poller = null;
            holder = null;
            CurrentKernel.release(this);
        }
        if (fatal != null) {
            throw Rethrow.unchecked(fatal);
        }
        if (outcome[1] != null) {
            throw Rethrow.unchecked((Throwable) outcome[1]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) outcome[0];
        return value;
    }

    /** The poller's loop: waits for blocking polls until the kernel's work is over. */
    private void servePolls() {
        boolean interrupted = false;
        StarvedByFullHeap watch = new StarvedByFullHeap();
        while (!driveOver && fatal == null) {
            if (pollRequested) {
                pollRequested = false;
                try {
                    pollResult = pollSelector.select(pollTimeout, pollHandler);
                } catch (Throwable t) {
                    pollFailure = t;
                }
                pollDone = true;
                LockSupport.unpark(pollWaiter);
            } else {
                LockSupport.parkNanos(this, StarvedByFullHeap.CHECK_NANOS);
                OutOfMemoryError starved = watch.check(handOffs);
                if (starved != null) {
                    failed(starved);
                }
                if (Thread.interrupted()) {
                    interrupted = true; // park returns at once while the flag is set: clear, restore later
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int select(ReadinessSelector selector, long timeoutNanos, ReadyHandler handler) throws IOException {
        Thread serving = poller;
        if (timeoutNanos == 0 || serving == null || !Thread.currentThread().isVirtual()) {
            return selector.select(timeoutNanos, handler);
        }
        pollSelector = selector;
        pollTimeout = timeoutNanos;
        pollHandler = handler;
        pollWaiter = Thread.currentThread();
        pollFailure = null;
        pollDone = false;
        pollRequested = true;
        LockSupport.unpark(serving);
        while (!pollDone) {
            LockSupport.park(this);
        }
        pollSelector = null;
        pollHandler = null;
        Throwable f = pollFailure;
        if (f != null) {
            pollFailure = null;
            if (f instanceof IOException io) {
                throw io;
            }
            throw Rethrow.unchecked(f);
        }
        return pollResult;
    }

    @Override
    public void run(Scheduler s) {
        scheduler = s;
        driver = Thread.currentThread();
        Fiber first = s.next();
        if (first == null) {
            return;
        }
        driverTurn = false;
        ((VirtualFiber) first).take();
        while (!driverTurn) {
            LockSupport.park(this);
        }
        Throwable f = failure;
        failure = null;
        if (f != null) {
            throw Rethrow.unchecked(f);
        }
    }

    /**
     * Called by the baton holder, a task whose fiber suspends or ends: passes the baton on. Returns
     * true if the scheduler chose {@code from} itself, which then keeps the baton and goes on.
     */
    private boolean handOn(VirtualFiber from) {
        handOffs++;
        Fiber next;
        try {
            next = scheduler.next();
        } catch (Throwable e) {
            failure = e;
            next = null;
        }
        if (next == from) {
            return true;
        }
        try {
            if (next == null) {
                holder = driver;
                driverTurn = true;
                LockSupport.unpark(driver);
            } else {
                ((VirtualFiber) next).take();
            }
        } catch (Throwable e) {
            // The baton must never be lost silently: waking the next thread can fail (out of memory, a
            // second time). Tell the platform thread, which ends run() with the error.
            failed(e);
        }
        return false;
    }

    /** Ends drive() with {@code e} through the platform thread, whatever state the virtual threads are in. */
    private void failed(Throwable e) {
        if (fatal == null) {
            fatal = e;
        }
        Thread serving = poller;
        if (serving != null) {
            LockSupport.unpark(serving);
        }
    }

    // The fiber is its thread's body too, and runs the task itself: an idle task's thread holds two
    // objects and one frame fewer than with lambdas between them.
    private final class VirtualFiber implements Fiber, Runnable {
        private final KernelTask<?> task;
        private final Thread thread;
        private volatile boolean turn;
        private volatile boolean done;
        private boolean started; // baton holder only

        VirtualFiber(KernelTask<?> task) {
            this.task = task;
            // a task starts as a new thread of its own, not as a copy of whoever spawned it (issue 28)
            this.thread = Thread.ofVirtual().name("curio-task").inheritInheritableThreadLocals(false).unstarted(this);
        }

        @Override
        public void run() {
            try {
                task.loop.runBody(task);
            } finally {
                try {
                    done = true;
                    handOn(this);
                } catch (Throwable e) {
                    failed(e); // e.g. out of memory again while ending: never leave the driver parked
                }
            }
        }

        /** Gives this fiber the baton. */
        void take() {
            holder = thread;
            turn = true;
            if (!started) {
                started = true;
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void suspend() {
            turn = false;
            if (handOn(this)) {
                turn = true; // chosen again: no hand-off at all
                return;
            }
            while (!turn) {
                LockSupport.park(this);
            }
        }

        @Override
        public boolean done() {
            return done;
        }

        /**
         * The task's own frames, most recent first, from its suspension down: a suspended task's thread
         * may be the one running the loop (or waiting for a poll) for the kernel, and those frames above
         * its suspension are the kernel's, not the task's.
         */
        @Override
        public StackTraceElement[] stack() {
            StackTraceElement[] all = thread.getStackTrace();
            for (int i = 0; i < all.length; i++) {
                if (all[i].getClassName().equals(VirtualFiber.class.getName()) && all[i].getMethodName().equals("suspend")) {
                    return java.util.Arrays.copyOfRange(all, i, all.length);
                }
            }
            return all;
        }
    }
}
