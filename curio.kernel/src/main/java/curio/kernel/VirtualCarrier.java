package curio.kernel;

import curio.api.spi.CurrentKernel;
import curio.api.spi.Rethrow;
import curio.api.spi.TrapHandler;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries each task on its own virtual thread, with public API only. The loop and the tasks pass a
 * single baton, so that one of them runs at a time, exactly as with continuations.
 * <p>The loop itself runs on a virtual thread too: a baton passed between virtual threads costs far
 * less than parking and unparking a platform thread on every switch (ARCHITECTURE.md, measured).
 */
final class VirtualCarrier implements Carrier {

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public Fiber fiber(Runnable body, TrapHandler kernel) {
        return new VirtualFiber(body, kernel);
    }

    @Override
    public <T> T drive(Callable<T> loop) throws Exception {
        if (Thread.currentThread().isVirtual()) {
            return loop.call();
        }
        Object[] outcome = new Object[2];
        Thread driver = Thread.ofVirtual().name("curio-kernel").start(() -> {
            try {
                outcome[0] = loop.call();
            } catch (Throwable t) {
                outcome[1] = t;
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                driver.join(); // the sync world waiting for the async one: a bridge, not task code
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

    /* Discussion: taskTurn is the baton. The loop sets it and unparks the task, then parks until the
     * task clears it (by suspending or ending). Both sides re-check the flag around park, so spurious
     * wake-ups are harmless; the volatile write/read pair is the happens-before edge that lets the
     * task and the loop share kernel state without locks. */
    private static final class VirtualFiber implements Fiber {
        private final Thread thread;
        private volatile boolean taskTurn;
        private volatile boolean done;
        private volatile Thread loop;
        private boolean started; // loop side only

        VirtualFiber(Runnable body, TrapHandler kernel) {
            this.thread = Thread.ofVirtual().name("curio-task").unstarted(() -> {
                CurrentKernel.set(kernel);
                try {
                    body.run();
                } finally {
                    CurrentKernel.set(null);
                    done = true;
                    taskTurn = false;
                    LockSupport.unpark(loop);
                }
            });
        }

        @Override
        public void resume() {
            loop = Thread.currentThread();
            taskTurn = true;
            if (!started) {
                started = true;
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
            while (taskTurn) {
                LockSupport.park(this);
            }
        }

        @Override
        public void suspend() {
            taskTurn = false;
            LockSupport.unpark(loop);
            while (!taskTurn) {
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
