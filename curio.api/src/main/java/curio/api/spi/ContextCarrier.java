package curio.api.spi;

import curio.api.internal.TaskContext;
import java.util.Objects;

/**
 * Context a Java program keeps in a thread-local (SLF4J's MDC, a tracing context, a security or transaction
 * context) that should follow a task's work the way a {@link curio.api.TaskLocal} does: from a task to the tasks
 * it spawns, and to the threads that run its blocking work ({@link curio.api.Curio#runInThread},
 * {@link curio.api.Curio#blockInThread}, {@link curio.api.Curio#spawnThread}).
 * <p>Each task has thread-locals of its own (a task starts with none, as a new thread does), so what a task
 * set is not seen by the next one; a carrier says what to copy across. At spawn and at a hand-off to a thread,
 * {@link #capture()} runs where the context is (the spawning task); {@link #install} runs where the work is
 * about to run (the new task, at its first step; the worker thread, before the work); {@link #clear()} runs on
 * the worker thread after the work, so that it is left clean. A captured value must be safe to install
 * elsewhere: take a copy of anything mutable.
 * <p>Carriers are found with {@link java.util.ServiceLoader} ({@code provides curio.api.spi.ContextCarrier
 * with ...}) when the first one is needed, or {@link #register registered} by the program. With none
 * registered, carrying context costs nothing.
 * <pre>{@code
 * static final ThreadLocal<String> TENANT = new ThreadLocal<>();
 * static { ContextCarrier.register(ContextCarrier.of(TENANT)); }
 * }</pre>
 *
 * @param <S> what is captured
 */
public interface ContextCarrier<S> {

    /**
     * Reads the context of the calling thread, to install elsewhere.
     *
     * @return the captured state, which may be null
     */
    S capture();

    /**
     * Makes {@code state} the calling thread's context.
     *
     * @param state what {@link #capture()} returned
     */
    void install(S state);

    /** Removes this context from the calling thread: a worker thread is left as it was found. */
    void clear();

    /**
     * A carrier for one thread-local: its value is carried as it is (share only what is immutable).
     *
     * @param <T> the thread-local's type
     * @param local the thread-local to carry
     * @return the carrier
     */
    static <T> ContextCarrier<T> of(ThreadLocal<T> local) {
        Objects.requireNonNull(local, "ContextCarrier.of(): local must not be null");
        return new ContextCarrier<>() {
            @Override
            public T capture() {
                return local.get();
            }

            @Override
            public void install(T state) {
                if (state == null) {
                    local.remove();
                } else {
                    local.set(state);
                }
            }

            @Override
            public void clear() {
                local.remove();
            }

            @Override
            public String toString() {
                return "ContextCarrier.of(" + local + ")";
            }
        };
    }

    /**
     * Adds a carrier for every kernel of this JVM, beside those {@link java.util.ServiceLoader} finds.
     *
     * @param carrier the carrier
     */
    static void register(ContextCarrier<?> carrier) {
        TaskContext.register(Objects.requireNonNull(carrier, "ContextCarrier.register(): carrier must not be null"));
    }
}
