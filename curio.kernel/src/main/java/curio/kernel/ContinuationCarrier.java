package curio.kernel;

import curio.api.internal.CurrentKernel;
import curio.api.internal.KernelCore;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * each switch (see run); the JDK's {@code Continuation} already keeps the scoped-value cache per
 * continuation. The kernel's own per-thread state stays with the kernel thread: a trap finds its kernel
 * through this carrier's baton, not through a thread-local.
 * <p>This is the only class that names {@code jdk.internal.vm}. It is loaded only after
 * {@link Carriers} checked that the package is exported to this module and {@code java.lang} opened to it:
 * its static initialiser fails for good (NoClassDefFoundError) without them.
 */
final class ContinuationCarrier implements Carrier, CurrentKernel.Baton {

    private static final ContinuationScope SCOPE = new ContinuationScope("curio");

    // Thread's own fields, reached with --add-opens java.base/java.lang=curio.kernel (Carriers checks it). The
    // two maps are of a type this module cannot name, so their accessors are method handles typed with Object,
    // called exactly: constants the JIT inlines to a plain field access.
    private static final MethodHandle GET_LOCALS;
    private static final MethodHandle SET_LOCALS;
    private static final MethodHandle GET_INHERITABLE;
    private static final MethodHandle SET_INHERITABLE;
    private static final VarHandle BINDINGS;
    private static final Object NO_BINDINGS; // what a new thread starts with: no scoped value bound

    static {
        try {
            MethodHandles.Lookup thread = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            Class<?> map = Class.forName("java.lang.ThreadLocal$ThreadLocalMap");
            MethodType get = MethodType.methodType(Object.class, Thread.class);
            MethodType set = MethodType.methodType(void.class, Thread.class, Object.class);
            GET_LOCALS = thread.findGetter(Thread.class, "threadLocals", map).asType(get);
            SET_LOCALS = thread.findSetter(Thread.class, "threadLocals", map).asType(set);
            GET_INHERITABLE = thread.findGetter(Thread.class, "inheritableThreadLocals", map).asType(get);
            SET_INHERITABLE = thread.findSetter(Thread.class, "inheritableThreadLocals", map).asType(set);
            BINDINGS = thread.findVarHandle(Thread.class, "scopedValueBindings", Object.class).withInvokeExactBehavior();
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
        this.kernel = task.loop;
        return new ContinuationFiber(() -> task.loop.runBody(task));
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

    /*
     * Discussion: the thread holds one context at a time: the kernel's own (its caller's thread-locals) outside
     * the loop, a task's while it runs. Between two tasks the loop's own code runs with the last task's context
     * still installed: it uses no thread-local (a trap finds its kernel through the baton), and the JDK keeps
     * its per-thread caches in a map of their own. So a switch saves the outgoing task's three fields and
     * installs the incoming task's, and writes only the fields that differ: tasks that never touch a
     * thread-local (null, null, nothing bound) switch with three reads and three compares.
     */
    @Override
    public void run(Scheduler scheduler) {
        Thread thread = Thread.currentThread();
        loopThread = thread;
        CurrentKernel.register(this);
        Object kernelLocals = getLocals(thread);
        Object kernelInheritable = getInheritable(thread);
        Object kernelBindings = (Object) BINDINGS.get(thread);
        Object locals = kernelLocals; // what the thread holds now
        Object inheritable = kernelInheritable;
        Object bindings = kernelBindings;
        /* Discussion: the read-back after each step. A task's maps may change while it runs: the first
         * ThreadLocal.set of a task creates the thread's map, and ScopedValue.where(...).run(...) rebinds and
         * unbinds. Whatever the thread holds when the task suspends is therefore the task's now, and is read
         * back into its fiber, never assumed unchanged. The thread's own maps (those of whoever called
         * Kernel.run) are kept aside and restored when the loop ends, even by an exception, so a caller's
         * thread-locals look untouched after run() returns, whatever the tasks did with theirs. */
        try {
            for (Fiber f; (f = scheduler.next()) != null; ) {
                ContinuationFiber fiber = (ContinuationFiber) f;
                if (fiber.locals != locals) {
                    setLocals(thread, fiber.locals);
                }
                if (fiber.inheritable != inheritable) {
                    setInheritable(thread, fiber.inheritable);
                }
                if (fiber.bindings != bindings) {
                    BINDINGS.set(thread, fiber.bindings);
                }
                try {
                    fiber.run(); // until it yields or ends
                } finally {
                    fiber.locals = locals = getLocals(thread);
                    fiber.inheritable = inheritable = getInheritable(thread);
                    fiber.bindings = bindings = (Object) BINDINGS.get(thread);
                }
            }
        } finally {
            if (locals != kernelLocals) {
                setLocals(thread, kernelLocals);
            }
            if (inheritable != kernelInheritable) {
                setInheritable(thread, kernelInheritable);
            }
            if (bindings != kernelBindings) {
                BINDINGS.set(thread, kernelBindings);
            }
            CurrentKernel.release(this);
            loopThread = null;
        }
    }

    private static Object getLocals(Thread t) {
        try {
            return (Object) GET_LOCALS.invokeExact(t);
        } catch (Throwable impossible) {
            throw new AssertionError(impossible); // a field read
        }
    }

    private static void setLocals(Thread t, Object map) {
        try {
            SET_LOCALS.invokeExact(t, map);
        } catch (Throwable wrongType) {
            throw new AssertionError(wrongType); // only maps read from a thread are written back
        }
    }

    private static Object getInheritable(Thread t) {
        try {
            return (Object) GET_INHERITABLE.invokeExact(t);
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static void setInheritable(Thread t, Object map) {
        try {
            SET_INHERITABLE.invokeExact(t, map);
        } catch (Throwable wrongType) {
            throw new AssertionError(wrongType);
        }
    }

    // The fiber is the continuation itself: one object per task instead of two.
    private static final class ContinuationFiber extends Continuation implements Fiber {
        // The task's context while it is not mounted (the carrier's loop reads and writes them). A task starts
        // as a new thread does: no thread-locals (maps made on first use), nothing bound.
        private Object locals;
        private Object inheritable;
        private Object bindings = NO_BINDINGS;

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
