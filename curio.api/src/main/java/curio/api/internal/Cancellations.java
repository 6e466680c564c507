package curio.api.internal;

import curio.api.CancelledError;
import curio.api.TaskCancelled;
import curio.api.TaskTimeout;
import java.lang.invoke.MethodHandles;

/**
 * The cancellations the kernel makes: a {@link TaskCancelled} for a cancel request and a
 * {@link TaskTimeout} for an expired timer, made without a stack trace, whose stack trace the kernel takes
 * in the cancelled task as the kernel raises it.
 * <p>Why: a cancellation can stay pending for a long time (a sleeping task, a disabled block), and a
 * kernel that cancels 100,000 tasks at shutdown would otherwise hold 100,000 copies of its own stack;
 * and the canceller's frames are the wrong ones anyway: a trace should show where the task was.
 * The constructors that leave the trace for later are package-private in {@code curio.api}, so that
 * user code keeps the ordinary behaviour; {@link CancelledError}'s class initializer hands this class a
 * {@link Maker} that calls them (the JDK's {@code SharedSecrets} pattern, with no reflection).
 */
public final class Cancellations {

    /**
     * How {@code curio.api} makes and inspects the kernel's cancellations: {@link CancelledError}'s class
     * initializer installs the one implementation.
     */
    public interface Maker {
        /**
         * Makes a cancel request's exception, its stack trace left for when it is raised.
         *
         * @return a new {@link TaskCancelled}
         */
        TaskCancelled cancelled();

        /**
         * Makes an expired timer's exception, its stack trace left for when it is raised.
         *
         * @param clock the kernel clock at expiry, in nanoseconds
         * @return a new {@link TaskTimeout}
         */
        TaskTimeout timeout(long clock);

        /**
         * Tells whether {@code e} was made by this maker and has not been raised yet.
         *
         * @param e a cancellation
         * @return true if its stack trace is still to be taken
         */
        boolean awaitsRaise(CancelledError e);
    }

    // Set by CancelledError's class initializer. Read through maker(), which initializes that class when it has
    // not been yet: lazily, never from this class's own initializer, so two threads initializing the two classes
    // at once cannot deadlock on each other's class-initialization lock.
    private static volatile Maker maker;

    private static Maker maker() {
        Maker m = maker;
        if (m == null) {
            try {
                MethodHandles.lookup().ensureInitialized(CancelledError.class); // which installs the maker
            } catch (IllegalAccessException impossible) {
                throw new AssertionError(impossible); // a public class of this module
            }
            m = maker;
        }
        return m;
    }

    private Cancellations() {}

    /**
     * Installs the maker; called once, by {@link CancelledError}'s class initializer.
     *
     * @param m the maker
     * @throws IllegalStateException if one is installed already
     */
    public static void install(Maker m) {
        if (maker != null) {
            throw new IllegalStateException("the cancellation maker is installed already");
        }
        maker = m;
    }

    /**
     * A cancel request's exception, its stack trace left for when it is raised.
     *
     * @return a new {@link TaskCancelled}
     */
    public static TaskCancelled taskCancelled() {
        return maker().cancelled();
    }

    /**
     * An expired timer's exception, its stack trace left for when it is raised.
     *
     * @param clock the kernel clock at expiry, in nanoseconds
     * @return a new {@link TaskTimeout}
     */
    public static TaskTimeout taskTimeout(long clock) {
        return maker().timeout(clock);
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
        return e instanceof CancelledError c && maker().awaitsRaise(c)
                && !(e instanceof TaskTimeout timeout && task.swallowsTimeout(timeout.clock()));
    }
}
