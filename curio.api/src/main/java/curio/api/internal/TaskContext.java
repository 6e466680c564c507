package curio.api.internal;

import java.lang.invoke.MethodHandles;
import java.util.function.Supplier;
import java.util.Arrays;

/**
 * A task's context beyond its thread-locals: its {@link curio.api.TaskLocal} values, and what registered
 * {@link ContextHooks}s captured from its parent, and how both follow the task's work to the tasks it spawns
 * and to the threads that run its blocking work.
 * <p>Task-local values are an array indexed by the task-local's number, copied on write: a child gets its
 * parent's array at spawn (one reference), and whichever of them sets a value first makes its own copy, so
 * siblings never share a value and a spawn copies nothing. A plain thread running a task's work (a worker
 * thread) sees the task's array as it was handed over, through {@link #CARRIED}, and its writes stay there.
 */
public final class TaskContext {

    private TaskContext() {}

    /** The task-locals of a plain thread: what a worker runs a task's work with; null elsewhere. */
    private static final ThreadLocal<Object[]> CARRIED = new ThreadLocal<>();
    private static final Object[] NONE = {};

    // Copy-on-write: carriers are registered rarely, read at every spawn and hand-off.
    private static volatile ContextHooks<?>[] carriers;

    // What finds the carriers on the module path: TaskLocal's class initializer installs it, since curio.api's
    // root package names the SPI's ContextCarrier and this package does not. carriers() initializes TaskLocal
    // when it finds none, lazily, never from this class's own initializer (no class-initialization deadlock).
    private static volatile Supplier<ContextHooks<?>[]> finder;

    /**
     * Installs what finds the registered context carriers (a {@code ServiceLoader} over {@code ContextCarrier});
     * called once, by {@code TaskLocal}'s class initializer.
     *
     * @param found finds the carriers, asked once, at first use
     */
    public static void finder(Supplier<ContextHooks<?>[]> found) {
        finder = found;
    }

    private static ContextHooks<?>[] carriers() {
        ContextHooks<?>[] c = carriers;
        if (c == null) {
            synchronized (TaskContext.class) {
                if (carriers == null) {
                    if (finder == null) {
                        try {
                            MethodHandles.lookup().ensureInitialized(curio.api.TaskLocal.class); // installs the finder
                        } catch (IllegalAccessException impossible) {
                            throw new AssertionError(impossible);
                        }
                    }
                    carriers = finder.get();
                }
                c = carriers;
            }
        }
        return c;
    }

    /**
     * Adds a carrier; see {@link ContextHooks#register}.
     *
     * @param carrier the carrier
     */
    public static synchronized void register(ContextHooks<?> carrier) {
        ContextHooks<?>[] now = carriers();
        ContextHooks<?>[] more = Arrays.copyOf(now, now.length + 1);
        more[now.length] = carrier;
        carriers = more;
    }

    // ---------------------------------------------------------------- task-local values

    /** The calling task's task-local values, or a plain thread's carried ones; never null. */
    public static Object[] values() {
        AbstractTask<?> t = current();
        Object[] v = t != null ? t.taskLocals : CARRIED.get();
        return v == null ? NONE : v;
    }

    /** Replaces the calling task's task-local values (a new array: they are copied on write). */
    public static void values(Object[] values) {
        AbstractTask<?> t = current();
        if (t != null) {
            t.taskLocals = values;
        } else {
            CARRIED.set(values);
        }
    }

    private static AbstractTask<?> current() {
        KernelCore k = CurrentKernel.get();
        return k == null ? null : (AbstractTask<?>) k.currentTask();
    }

    // ---------------------------------------------------------------- spawn

    /**
     * Called by the spawning task right after it made {@code child}: the child shares the parent's task-local
     * values (copied on write), and the registered carriers capture the parent's context for the child.
     */
    public static void inherit(AbstractTask<?> parent, AbstractTask<?> child) {
        if (parent != null) {
            child.taskLocals = parent.taskLocals;
        }
        ContextHooks<?>[] c = carriers();
        if (c.length != 0) {
            child.inherited = capture(c);
        }
    }

    /** Called as a task takes its first step, in its own context: installs what its parent's carriers captured. */
    public static void enter(AbstractTask<?> task) {
        Object[] captured = task.inherited;
        if (captured != null) {
            task.inherited = null;
            install(carriers, captured);
        }
    }

    // ---------------------------------------------------------------- threads

    /**
     * The calling task's context, to run work with on another thread: {@link Handoff#run} installs it there and
     * leaves the thread clean after.
     *
     * @return the context to hand over
     */
    public static Handoff handoff() {
        ContextHooks<?>[] c = carriers();
        Object[] values = values();
        if (values == NONE && c.length == 0) {
            return Handoff.EMPTY; // the usual case: nothing to carry, nothing made
        }
        return new Handoff(values == NONE ? null : values, c, c.length == 0 ? null : capture(c));
    }

    /**
     * A task's context on its way to a thread.
     *
     * @param taskLocals the task-local values, or null
     * @param carriers the carriers that captured
     * @param captured what each captured, or null when none is registered
     */
    public record Handoff(Object[] taskLocals, ContextHooks<?>[] carriers, Object[] captured) {
        static final Handoff EMPTY = new Handoff(null, null, null);

        /**
         * Runs {@code work} on the calling thread with this context installed, then removes it.
         *
         * @param <T> the work's result
         * @param work the work
         * @return what the work returned
         * @throws Exception what the work threw
         */
        public <T> T run(java.util.concurrent.Callable<T> work) throws Exception {
            if (taskLocals == null && captured == null) {
                return work.call();
            }
            CARRIED.set(taskLocals);
            if (captured != null) {
                install(carriers, captured);
            }
            try {
                return work.call();
            } finally {
                if (captured != null) {
                    for (ContextHooks<?> c : carriers) {
                        c.clear(); // first: a carrier may keep its state in a task-local, which is CARRIED here
                    }
                }
                CARRIED.remove();
            }
        }
    }

    // ---------------------------------------------------------------- processes

    /** See {@link ContextHooks#encodeAll()}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static java.util.Map<String, String> encodeAll() {
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        for (ContextHooks c : carriers()) {
            String text = c.encode(c.capture());
            if (text != null) {
                texts.put(c.getClass().getName(), text);
            }
        }
        return texts;
    }

    /** See {@link ContextHooks#callWith}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> T callWith(java.util.Map<String, String> texts, java.util.concurrent.Callable<T> work)
            throws Exception {
        java.util.List<ContextHooks> installed = new java.util.ArrayList<>();
        try {
            for (ContextHooks c : carriers()) {
                String text = texts.get(c.getClass().getName());
                if (text != null) {
                    c.install(c.decode(text));
                    installed.add(c);
                }
            }
            return work.call();
        } finally {
            for (ContextHooks c : installed) {
                c.clear();
            }
        }
    }

    private static Object[] capture(ContextHooks<?>[] c) {
        Object[] captured = new Object[c.length];
        for (int i = 0; i < c.length; i++) {
            captured[i] = c[i].capture();
        }
        return captured;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void install(ContextHooks<?>[] c, Object[] captured) {
        for (int i = 0; i < captured.length; i++) {
            ((ContextHooks) c[i]).install(captured[i]);
        }
    }
}
