package curio.kernel;

import curio.api.internal.CurrentKernel;
import curio.api.internal.KernelCore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * Carries tasks on {@code jdk.internal.vm.Continuation}s run and yielded on the kernel thread: a
 * switch is a stack copy, about 100 ns.
 * <p>Each task has its own thread-locals and scoped-value bindings, as it would on a thread of its own: a
 * continuation runs on the kernel's thread, so a value one task set there (an MDC request id, a transaction)
 * would otherwise be seen by the next task, and the caller's own values by every task. The carrier swaps the
 * thread's three fields (thread-locals, inheritable thread-locals, scoped-value bindings) with the fiber's at
 * each mount and each unmount; the JDK's {@code Continuation} already keeps the scoped-value cache per
 * continuation. The kernel's own per-thread state stays with the kernel thread: a trap finds its kernel
 * through this carrier's baton, not through a thread-local.
 * <p>This is the only class that names {@code jdk.internal.vm}. It is loaded only after
 * {@link Carriers} checked that the package is exported to this module and {@code java.lang} opened to it:
 * its static initialiser fails for good (NoClassDefFoundError) without them.
 */
final class ContinuationCarrier implements Carrier, CurrentKernel.Baton {

    private static final ContinuationScope SCOPE = new ContinuationScope("curio");

    // Thread's own fields, reached with --add-opens java.base/java.lang=curio.kernel (Carriers checks it).
    private static final VarHandle LOCALS;
    private static final VarHandle INHERITABLE;
    private static final VarHandle BINDINGS;
    private static final Object NO_BINDINGS; // what a new thread starts with: no scoped value bound

    static {
        try {
            MethodHandles.Lookup thread = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            Class<?> map = Class.forName("java.lang.ThreadLocal$ThreadLocalMap");
            LOCALS = thread.findVarHandle(Thread.class, "threadLocals", map);
            INHERITABLE = thread.findVarHandle(Thread.class, "inheritableThreadLocals", map);
            BINDINGS = thread.findVarHandle(Thread.class, "scopedValueBindings", Object.class);
            NO_BINDINGS = thread.findStaticVarHandle(Thread.class, "NEW_THREAD_BINDINGS", Object.class).get();
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private KernelCore kernel; // the one kernel this carrier serves, known from its first fiber

    @Override
    public String name() {
        return "continuation";
    }

    @Override
    public Fiber fiber(KernelTask<?> task) {
        this.kernel = task.kernel;
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

    /** A trap on the loop's thread finds this kernel here, whichever task's thread-locals are installed. */
    @Override
    public KernelCore heldBy(Thread thread) {
        return thread == loopThread ? kernel : null;
    }

    @Override
    public void run(Scheduler scheduler) {
        Thread thread = Thread.currentThread();
        loopThread = thread;
        CurrentKernel.register(this);
        try {
            for (Fiber f; (f = scheduler.next()) != null; ) {
                ContinuationFiber fiber = (ContinuationFiber) f;
                fiber.swapContext(thread); // the task's thread-locals in, the kernel's kept in the fiber
                try {
                    fiber.run(); // until it yields or ends
                } finally {
                    fiber.swapContext(thread); // and back: the task's kept, the kernel's restored
                }
            }
        } finally {
            CurrentKernel.release(this);
            loopThread = null;
        }
    }

    // The fiber is the continuation itself: one object per task instead of two.
    private static final class ContinuationFiber extends Continuation implements Fiber {
        // The task's context while it is not mounted, the kernel's while it is (swapContext exchanges them).
        // A task starts as a new thread does: no thread-locals (maps made on first use), nothing bound.
        private Object locals;
        private Object inheritable;
        private Object bindings = NO_BINDINGS;

        ContinuationFiber(Runnable body) {
            super(SCOPE, body);
        }

        /** Exchanges the thread's thread-locals and scoped-value bindings with the ones this fiber keeps. */
        void swapContext(Thread t) {
            Object l = LOCALS.get(t);
            Object i = INHERITABLE.get(t);
            Object b = BINDINGS.get(t);
            LOCALS.set(t, locals);
            INHERITABLE.set(t, inheritable);
            BINDINGS.set(t, bindings);
            locals = l;
            inheritable = i;
            bindings = b;
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
