package curio.api;

import curio.api.internal.TaskContext;
import curio.api.spi.ContextCarrier;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A value per task, inherited at spawn: Curio's context variables (its {@code ContextTask} copies Python's
 * contextvars when a task is spawned). A task sees the value its parent had when it was spawned; what either of
 * them sets afterwards, the other never sees, and siblings never share a value. Blocking work the task hands to
 * a thread ({@link Curio#runInThread}, {@link Curio#blockInThread}, {@link Curio#spawnThread}) sees the task's
 * values too, as they were at the hand-off.
 * <pre>{@code
 * static final TaskLocal<String> REQUEST_ID = new TaskLocal<>();
 *
 * Net.tcpServer("", 8080, (client, from) -> {
 *     REQUEST_ID.set(UUID.randomUUID().toString());
 *     Curio.spawn(() -> audit(REQUEST_ID.get()));     // the child sees this client's id
 * });
 * }</pre>
 * <p>This, not {@link ScopedValue}, is the inherited kind: a scoped value is bound for a block, and a task
 * spawned in the block may outlive it (its parent need not join it), so a binding does not pass to a task
 * any more than to a thread started there. Outside any task, on a thread that runs no task's work, a task-local
 * behaves like a thread-local of that thread.
 *
 * @param <T> the type of the value
 */
public final class TaskLocal<T> {

    static {
        // The kernel's plumbing (TaskContext) names no SPI type: this package finds the carriers for it.
        TaskContext.finder(() -> java.util.ServiceLoader.load(ContextCarrier.class, TaskLocal.class.getClassLoader())
                .stream().map(java.util.ServiceLoader.Provider::get).toArray(curio.api.internal.ContextHooks<?>[]::new));
    }

    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final Object NULL = new Object(); // a value set to null, told apart from one never set

    private final int index = NUMBERS.getAndIncrement();
    private final Supplier<? extends T> initial;

    /** A task-local whose value is null until set. */
    public TaskLocal() {
        this(() -> null);
    }

    private TaskLocal(Supplier<? extends T> initial) {
        this.initial = initial;
    }

    /**
     * A task-local whose value, until set, is what {@code initial} returns (asked once per task that reads it
     * before any set).
     *
     * @param <T> the type of the value
     * @param initial the initial value's supplier
     * @return the task-local
     */
    public static <T> TaskLocal<T> withInitial(Supplier<? extends T> initial) {
        return new TaskLocal<>(Objects.requireNonNull(initial, "TaskLocal.withInitial(): initial must not be null"));
    }

    /**
     * Returns the calling task's value.
     *
     * @return the value set in this task or inherited from its parent, else the initial value
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object[] values = TaskContext.values();
        Object v = index < values.length ? values[index] : null;
        if (v == null) {
            T first = initial.get();
            if (first != null) {
                set(first); // kept, so that what the task does to it stays: asked once per task
            }
            return first; // an unset value read costs no copy of the task's values
        }
        return v == NULL ? null : (T) v;
    }

    /**
     * Sets the calling task's value; tasks it spawns from now on inherit it.
     *
     * @param value the new value, which may be null
     */
    public void set(T value) {
        store(value == null ? NULL : value);
    }

    /** Forgets the calling task's value: the next {@link #get()} asks for the initial value again. */
    public void remove() {
        store(null);
    }

    private void store(Object v) {
        Object[] values = TaskContext.values();
        Object[] mine = Arrays.copyOf(values, Math.max(values.length, index + 1)); // copy on write: see TaskContext
        mine[index] = v;
        TaskContext.values(mine);
    }

    @Override
    public String toString() {
        return "TaskLocal#" + index;
    }
}
