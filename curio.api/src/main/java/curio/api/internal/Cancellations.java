package curio.api.internal;

import curio.api.CancelledError;
import curio.api.TaskCancelled;
import curio.api.TaskTimeout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The cancellations the kernel makes: a {@link TaskCancelled} for a cancel request and a
 * {@link TaskTimeout} for an expired timer, made without a stack trace, whose stack trace the kernel takes
 * in the cancelled task as the kernel raises it.
 * <p>Why: a cancellation can stay pending for a long time (a sleeping task, a disabled block), and a
 * kernel that cancels 100,000 tasks at shutdown would otherwise hold 100,000 copies of its own stack;
 * and the canceller's frames are the wrong ones anyway: a trace should show where the task was.
 * The constructors that leave the trace for later are package-private in {@code curio.api}, so that
 * user code keeps the ordinary behaviour; this class reaches them with a private lookup, which a
 * module grants itself.
 */
public final class Cancellations {

    private static final MethodHandle TASK_CANCELLED, TASK_TIMEOUT, AWAITS_RAISE;

    static {
        try {
            MethodHandles.Lookup api = MethodHandles.privateLookupIn(CancelledError.class, MethodHandles.lookup());
            TASK_CANCELLED = api.findConstructor(TaskCancelled.class, MethodType.methodType(void.class, Void.class));
            TASK_TIMEOUT = api.findConstructor(TaskTimeout.class,
                    MethodType.methodType(void.class, long.class, Void.class));
            AWAITS_RAISE = api.findVirtual(CancelledError.class, "awaitsRaise", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Cancellations() {}

    /**
     * A cancel request's exception, its stack trace left for when it is raised.
     *
     * @return a new {@link TaskCancelled}
     */
    public static TaskCancelled taskCancelled() {
        try {
            return (TaskCancelled) TASK_CANCELLED.invokeExact((Void) null);
        } catch (Throwable e) {
            throw new AssertionError(e); // a constructor that only stores fields
        }
    }

    /**
     * An expired timer's exception, its stack trace left for when it is raised.
     *
     * @param clock the kernel clock at expiry, in nanoseconds
     * @return a new {@link TaskTimeout}
     */
    public static TaskTimeout taskTimeout(long clock) {
        try {
            return (TaskTimeout) TASK_TIMEOUT.invokeExact(clock, (Void) null);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Whether the kernel must take {@code e}'s stack trace now, as it raises it in {@code task}: true
     * for a cancellation made here, unless it is a timeout that the task's innermost block swallows
     * ({@code ignoreAfter}), where a trace would cost a stack walk that nobody reads. The kernel then
     * calls {@code e.fillInStackTrace()} itself, so that the trace starts at the kernel's trap, in the
     * task's frames.
     *
     * @param task the task about to raise {@code e}
     * @param e what is about to be thrown in the task
     * @return true if its stack trace must be taken now
     */
    public static boolean traceAtRaise(AbstractTask<?> task, Throwable e) {
        boolean awaits;
        try {
            awaits = e instanceof CancelledError c && (boolean) AWAITS_RAISE.invokeExact(c);
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
        return awaits && !(e instanceof TaskTimeout timeout && task.swallowsTimeout(timeout.clock()));
    }
}
