package curio.kernel;

import curio.api.internal.CurrentKernel;
import curio.api.trap.Rethrow;
import curio.api.internal.KernelCore;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries each task on its own virtual thread, with public API only. The loop's driver and the tasks
 * pass a single baton, so that one of them runs at a time, exactly as with continuations.
 * <p>A switch is one hand-off: the suspending task asks the scheduler itself which fiber comes next
 * and wakes that one directly (or simply goes on, when the next is itself). The driver sleeps until
 * the scheduler has nothing more to hand out. The driver runs on a virtual thread too: a baton
 * passed between virtual threads costs far less than parking and unparking a platform thread.
 */
final class VirtualCarrier implements Carrier {

    /* Discussion: each party has a volatile `turn` flag. The holder gives the baton away by setting
     * the receiver's flag and unparking it, then parks until its own flag is set; the receiver clears
     * its flag when it takes the baton. Both sides re-check the flag around park, so spurious wake-ups
     * and early unparks are harmless, and the volatile write/read pair is the happens-before edge that
     * lets tasks and the driver share kernel state without locks. `scheduler`, `driver`, `failure` and
     * `started` are only touched by the baton holder. */
    private Scheduler scheduler;
    private Thread driver;
    private volatile boolean driverTurn;
    private Throwable failure; // thrown by the scheduler in a task's thread: the driver rethrows it

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public Fiber fiber(Runnable body, KernelCore kernel) {
        return new VirtualFiber(body, kernel);
    }

    @Override
    public <T> T drive(Callable<T> kernelWork) throws Exception {
        if (Thread.currentThread().isVirtual()) {
            return kernelWork.call();
        }
        Object[] outcome = new Object[2];
        Thread thread = Thread.ofVirtual().name("curio-kernel").start(() -> {
            try {
                outcome[0] = kernelWork.call();
            } catch (Throwable t) {
                outcome[1] = t;
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                thread.join(); // the sync world waiting for the async one: a bridge, not task code
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome[1] != null) {
            throw Rethrow.unchecked((Throwable) outcome[1]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) outcome[0];
        return value;
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
        if (next == null) {
            driverTurn = true;
            LockSupport.unpark(driver);
        } else {
            ((VirtualFiber) next).take();
        }
        return false;
    }

    private final class VirtualFiber implements Fiber {
        private final Thread thread;
        private volatile boolean turn;
        private volatile boolean done;
        private boolean started; // baton holder only

        VirtualFiber(Runnable body, KernelCore kernel) {
            this.thread = Thread.ofVirtual().name("curio-task").unstarted(() -> {
                CurrentKernel.set(kernel);
                try {
                    body.run();
                } finally {
                    CurrentKernel.set(null);
                    done = true;
                    handOn(this);
                }
            });
        }

        /** Gives this fiber the baton. */
        void take() {
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

        @Override
        public StackTraceElement[] stack() {
            return thread.getStackTrace();
        }
    }
}
