package curio.kernel;

import java.util.concurrent.Callable;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * Carries tasks on {@code jdk.internal.vm.Continuation}s run and yielded on the kernel thread: a
 * switch is a stack copy, about 100 ns.
 * <p>This is the only class that names {@code jdk.internal.vm}. It is loaded only after
 * {@link Carriers} checked that the package is exported to this module: its static initialiser fails
 * for good (NoClassDefFoundError) without the export.
 */
final class ContinuationCarrier implements Carrier {

    private static final ContinuationScope SCOPE = new ContinuationScope("curio");

    @Override
    public String name() {
        return "continuation";
    }

    @Override
    public Fiber fiber(KernelTask<?> task) {
        return new ContinuationFiber(() -> task.kernel.runBody(task));
    }

    /** On a virtual caller the kernel gets a platform thread of its own: a continuation's poll blocks its thread. */
    @Override
    public <T> T drive(Callable<T> kernelWork) throws Exception {
        return PlatformDriver.call("curio-kernel", kernelWork);
    }

    private volatile Thread loopThread; // written once per run: continuations are mounted on it

    @Override
    public Thread runningThread() {
        return loopThread;
    }

    @Override
    public void run(Scheduler scheduler) {
        loopThread = Thread.currentThread();
        for (Fiber f; (f = scheduler.next()) != null; ) {
            ((ContinuationFiber) f).run(); // until it yields or ends
        }
    }

    // The fiber is the continuation itself: one object per task instead of two.
    private static final class ContinuationFiber extends Continuation implements Fiber {
        ContinuationFiber(Runnable body) {
            super(SCOPE, body);
        }

        @Override
        public void suspend() {
            try {
                Continuation.yield(SCOPE);
            } catch (IllegalStateException pinned) {
                throw new IllegalStateException("A curio task cannot suspend here (" + pinned.getMessage()
                        + "): a blocking curio call was made while a native frame or monitor pins the task;"
                        + " move it out of the synchronized block or native callback", pinned);
            }
        }

        @Override
        public boolean done() {
            return isDone();
        }

        @Override
        public StackTraceElement[] stack() {
            return getStackTrace();
        }
    }
}
