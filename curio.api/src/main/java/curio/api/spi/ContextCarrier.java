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
@SuppressWarnings("exports") // ContextHooks is how the kernel's plumbing calls a carrier, reachable by curio.kernel alone
public interface ContextCarrier<S> extends curio.api.internal.ContextHooks<S> {

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
     * The state as text for another process ({@code Workers.runInProcess} sends it to its worker JVM with the
     * work), or null when this context stays in its JVM: the default. A W3C {@code traceparent} is one such text.
     *
     * @param state what {@link #capture()} returned
     * @return the text, or null to send nothing
     */
    default String encode(S state) {
        return null;
    }

    /**
     * The state {@link #encode} wrote, read in the other process before it is {@linkplain #install installed}
     * there. Called only for a carrier whose {@code encode} gave a text.
     *
     * @param text what {@link #encode} returned
     * @return the state to install
     */
    default S decode(String text) {
        throw new UnsupportedOperationException(getClass().getName() + " encodes no context for another process");
    }

    /**
     * The calling task's context as text for another process: each registered carrier's {@link #encode}, by the
     * carrier's class name; empty when none has anything to send.
     *
     * @return the texts, by carrier class name
     */
    static java.util.Map<String, String> encodeAll() {
        return TaskContext.encodeAll();
    }

    /**
     * Runs {@code work} on the calling thread with the context another process {@linkplain #encodeAll encoded}
     * installed by the carriers of this process that have the same class names, then clears it.
     *
     * @param <T> the work's result
     * @param texts what {@link #encodeAll()} returned there
     * @param work the work
     * @return what the work returned
     * @throws Exception what the work threw
     */
    static <T> T callWith(java.util.Map<String, String> texts, java.util.concurrent.Callable<T> work) throws Exception {
        return TaskContext.callWith(texts, work);
    }

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
